#!/bin/sh
# One-shot, after the server is up: the namespace and the search attributes the engine sets
# (workflows/search-attributes.ts; test/deployment.test.ts checks this list matches it).
# Safe to run again: every step checks what exists.
set -eu
# Mutual TLS: the operator's certificate from TLS_DIR (docker-compose.yml's temporal-certs).
addr="--address $TEMPORAL_ADDRESS"
if [ -n "${TLS_DIR:-}" ]; then
  addr="$addr --tls-ca-path $TLS_DIR/ca.pem --tls-cert-path $TLS_DIR/operator.pem --tls-key-path $TLS_DIR/operator.key --tls-server-name temporal"
fi
until temporal operator cluster health $addr 2>/dev/null | grep -q SERVING; do
  echo "waiting for the Temporal server"
  sleep 2
done
temporal operator namespace describe -n "$TEMPORAL_NAMESPACE" $addr >/dev/null 2>&1 \
  || temporal operator namespace create -n "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_RETENTION" $addr
for sa in CaseStep=Keyword CaseStatus=Keyword CaseWaitingOn=Keyword CaseBalance=Double CasePaused=Bool CaseDefinition=Keyword CaseDefinitionVersion=Int; do
  name="${sa%%=*}"
  if temporal operator search-attribute list -n "$TEMPORAL_NAMESPACE" $addr | grep -qw "$name"; then continue; fi
  temporal operator search-attribute create -n "$TEMPORAL_NAMESPACE" $addr --name "$name" --type "${sa#*=}"
done
echo "namespace $TEMPORAL_NAMESPACE and search attributes ready"

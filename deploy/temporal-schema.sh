#!/bin/sh
# One-shot: Temporal's schema in PostgreSQL, with Temporal's own tool. The databases exist
# (deploy/postgres-init.sh). setup-schema only succeeds on an empty database, so a second run
# skips it; update-schema then brings an existing schema to this image's version.
set -eu
tool="temporal-sql-tool --plugin postgres12 --ep ${SQL_HOST} -p ${SQL_PORT} -u ${SQL_USER} --pw ${SQL_PASSWORD}"
for db in "$SQL_DATABASE" "$SQL_VISIBILITY_DATABASE"; do
  if [ "$db" = "$SQL_DATABASE" ]; then dir=temporal; else dir=visibility; fi
  $tool --db "$db" setup-schema -v 0.0 2>/dev/null || echo "schema of $db exists; updating it"
  $tool --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$dir/versioned"
done

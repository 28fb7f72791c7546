// Mutual TLS for the Temporal server of the production topology (start:cluster, the systemd
// units, docker-compose.yml): a certificate authority of the deployment's own, a certificate
// for the server (its frontend and the connections between its services) and one for each
// kind of client (the app's API and workers; an operator's CLI). The frontend accepts only
// clients with a certificate from that authority, so whoever reaches port 7233 without one
// cannot start, signal, update or terminate a case workflow, nor name another actor in it.
//
// Why mTLS and not a signature over the actor that the workflow checks: a client that reaches
// Temporal can do far more than name an actor (start a workflow whose activities write to a
// real case, terminate or reset one), and only refusing the connection stops all of it.
// Temporal's authorizer adds per-namespace roles on top, from JWT claims: with one namespace
// and only the app's own processes as clients, there is no role to tell apart, so none is set.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
// The library resolves its parts through tsyringe, which needs the metadata polyfill first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { TemporalClientTls } from '../server/temporal.ts';

x509.cryptoProvider.set(globalThis.crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const YEAR_MS = 365 * 86_400_000;
/** The authority lives ten years; what it signs, two (renewed by the start that finds it expiring). */
const CA_YEARS = 10;
const LEAF_YEARS = 2;
const RENEW_WITHIN_MS = 30 * 86_400_000;

export type CertificatePair = { cert: string; key: string };

/** Where a deployment's certificates lie (PEM files); the keys are readable by their owner only. */
export type TemporalTlsFiles = {
  ca: string;
  caKey: string;
  server: CertificatePair;
  app: CertificatePair;
  operator: CertificatePair;
  /** The name the server's certificate is issued to, which clients check. */
  serverName: string;
};

export const TEMPORAL_SERVER_NAME = 'temporal';

export function temporalTlsFiles(dir: string): TemporalTlsFiles {
  const pair = (name: string) => ({ cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) });
  return { ca: join(dir, 'ca.pem'), caKey: join(dir, 'ca.key'), server: pair('server'), app: pair('app'), operator: pair('operator'), serverName: TEMPORAL_SERVER_NAME };
}

/**
 * The deployment's certificates in `dir`, made on first use and kept: a restart reuses them,
 * and a certificate within a month of its end (or not covering `hosts`) is issued again by the
 * same authority, so clients holding the authority keep trusting the server.
 */
export async function ensureTemporalCertificates(dir: string, hosts: string[], log: (line: string) => void = () => undefined): Promise<TemporalTlsFiles> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = temporalTlsFiles(dir);
  const now = Date.now();
  let authority: { cert: x509.X509Certificate; key: CryptoKey };
  if (existsSync(files.ca) && existsSync(files.caKey) && !expiring(files.ca, now)) {
    authority = { cert: new x509.X509Certificate(readFileSync(files.ca, 'utf8')), key: await importKey(readFileSync(files.caKey, 'utf8')) };
  } else {
    log(`making the Temporal certificate authority in ${dir}`);
    authority = await makeAuthority(now);
    writeFileSync(files.caKey, await exportKey(authority.key), { mode: 0o600 });
    writeFileSync(files.ca, authority.cert.toString('pem'));
    for (const p of [files.server, files.app, files.operator]) writeFileSync(p.cert, ''); // issued again below, by the new authority
  }
  const names = [TEMPORAL_SERVER_NAME, 'localhost', '127.0.0.1', ...hosts].filter((h, i, all) => h && h !== '0.0.0.0' && all.indexOf(h) === i);
  const leaves: Array<[CertificatePair, string, x509.ExtendedKeyUsage[], string[]]> = [
    // The server's certificate is also the client certificate its services present to each other.
    [files.server, 'Temporal server', [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth], names],
    [files.app, 'arrears-app', [x509.ExtendedKeyUsage.clientAuth], []],
    [files.operator, 'operator', [x509.ExtendedKeyUsage.clientAuth], []],
  ];
  for (const [pair, subject, usages, sans] of leaves) {
    if (valid(pair, files.ca, sans, now)) continue;
    const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.create({
      subject: `CN=${subject}`,
      issuer: authority.cert.subject,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + LEAF_YEARS * YEAR_MS),
      signingKey: authority.key,
      publicKey: keys.publicKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension(usages),
        ...(sans.length ? [new x509.SubjectAlternativeNameExtension(sans.map((h) => ({ type: isIP(h) ? ('ip' as const) : ('dns' as const), value: h })))] : []),
        await x509.AuthorityKeyIdentifierExtension.create(authority.cert),
      ],
    });
    writeFileSync(pair.key, await exportKey(keys.privateKey), { mode: 0o600 });
    writeFileSync(pair.cert, cert.toString('pem'));
    log(`issued the Temporal certificate for ${subject}${sans.length ? ` (${sans.join(', ')})` : ''}`);
  }
  return files;
}

async function makeAuthority(now: number) {
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Arrears case engine Temporal CA',
    keys,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + CA_YEARS * YEAR_MS),
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
}

function expiring(certFile: string, now: number): boolean {
  const text = readFileSync(certFile, 'utf8');
  return !text || Date.parse(new X509Certificate(text).validTo) - now < RENEW_WITHIN_MS;
}

/** Issued by this authority, not near its end, and naming every host the server answers on. */
function valid(pair: CertificatePair, caFile: string, hosts: string[], now: number): boolean {
  if (!existsSync(pair.cert) || !existsSync(pair.key) || expiring(pair.cert, now)) return false;
  const cert = new X509Certificate(readFileSync(pair.cert, 'utf8'));
  if (!cert.checkIssued(new X509Certificate(readFileSync(caFile, 'utf8')))) return false;
  const san = cert.subjectAltName ?? '';
  return hosts.every((h) => san.includes(isIP(h) ? `IP Address:${h}` : `DNS:${h}`));
}

async function exportKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importKey(pem: string): Promise<CryptoKey> {
  return await crypto.subtle.importKey('pkcs8', x509.PemConverter.decode(pem)[0]!, ALGORITHM, true, ['sign']);
}

/** The app's client files out of a deployment's certificates. */
export function appClientTls(files: TemporalTlsFiles): TemporalClientTls {
  return { ca: files.ca, cert: files.app.cert, key: files.app.key, serverName: files.serverName };
}

/** An operator's CLI (and the Temporal Web UI, which only reads): a certificate of its own. */
export function operatorClientTls(files: TemporalTlsFiles): TemporalClientTls {
  return { ca: files.ca, cert: files.operator.cert, key: files.operator.key, serverName: files.serverName };
}

/** A client's certificate as the API and the workers read it (server/env.ts: TEMPORAL_TLS_*). */
export function tlsEnv(tls: TemporalClientTls): Record<string, string> {
  return { TEMPORAL_TLS_CA: tls.ca, TEMPORAL_TLS_CERT: tls.cert, TEMPORAL_TLS_KEY: tls.key, ...(tls.serverName ? { TEMPORAL_TLS_SERVER_NAME: tls.serverName } : {}) };
}

/** The Temporal CLI's flags for a client certificate. */
export function cliTlsArgs(tls: TemporalClientTls): string[] {
  return ['--tls-ca-path', tls.ca, '--tls-cert-path', tls.cert, '--tls-key-path', tls.key, ...(tls.serverName ? ['--tls-server-name', tls.serverName] : [])];
}

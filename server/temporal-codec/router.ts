// The codec endpoint the Temporal Web UI (and `temporal … --codec-endpoint`) calls to show
// encrypted payloads decoded: POST …/decode and …/encode with `{payloads: [{metadata, data}]}`,
// each value base64 (the Payloads message as protobuf JSON), answered in the same shape. The
// UI appends `/decode` to the endpoint it is given and names the namespace in `X-Namespace`,
// as the CLI does.
//
// Decoding shows what the codec hides, so it is for ops roles only, signed in like everywhere
// else. The UI runs on another origin: it sends our session cookie only when told to include
// credentials, and the browser lets it read the answer only if this origin allows the UI's
// with credentials, which is what the CORS headers below do for TEMPORAL_UI_URL.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { opsRoles } from '../../definition/access.ts';
import { requireRole } from '../auth/middleware.ts';
import { AppError, invalidField } from '../errors.ts';
import { parseInput } from '../validation.ts';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
export const PayloadsSchema = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), base64).nullish(),
      data: base64.nullish(),
    }),
  ),
});
type JsonPayload = { metadata?: Record<string, string>; data?: string };

const fromJson = (p: z.output<typeof PayloadsSchema>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  ...(p.data?.length ? { data: Buffer.from(p.data).toString('base64') } : {}),
});

/**
 * The origins allowed to call with credentials: the Web UI's, and for a UI on this machine its
 * twin (localhost and 127.0.0.1 are different origins to a browser, and people type either).
 */
export function codecOrigins(temporalUiUrl: string | undefined): string[] {
  if (!temporalUiUrl) return [];
  const url = new URL(temporalUiUrl);
  const origins = [url.origin];
  const twins: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };
  const twin = twins[url.hostname];
  if (twin) origins.push(`${url.protocol}//${twin}${url.port ? `:${url.port}` : ''}`);
  return origins;
}

function cors(allowed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && allowed.includes(origin)) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Allow-Credentials', 'true');
    } else if (origin && origin !== `${req.protocol}://${req.get('host')}`) {
      // A page on any other origin gets nothing: no CORS headers (the browser blocks it), and
      // its request is not run, whatever cookie it carried.
      next(new AppError('forbidden', `the codec endpoint answers the Temporal Web UI (${allowed.join(', ') || 'TEMPORAL_UI_URL is not set'}), not ${origin}`));
      return;
    }
    if (req.method === 'OPTIONS') {
      // The preflight: JSON with X-Namespace (and, if the UI passes a token, Authorization).
      res.set('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.set('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.set('Access-Control-Max-Age', '600');
      if (req.headers['access-control-request-private-network'] === 'true') res.set('Access-Control-Allow-Private-Network', 'true');
      res.status(204).end();
      return;
    }
    next();
  };
}

export function temporalCodecRouter(deps: { temporal: Client; temporalUiUrl?: string }): Router {
  const router = Router();
  const namespace = deps.temporal.options.namespace;
  // The client's own codecs, so the endpoint decodes exactly what this installation encodes
  // (none without PAYLOAD_KEYS: then payloads come back as they were sent).
  const codecs = deps.temporal.options.loadedDataConverter.payloadCodecs;

  const run = (operation: 'decode' | 'encode') => async (req: Request, res: Response) => {
    const asked = req.get('x-namespace');
    if (asked && asked !== namespace) throw invalidField('header.X-Namespace', `this codec serves the namespace "${namespace}", not "${asked}"`);
    let payloads = parseInput(PayloadsSchema, req.body).payloads.map(fromJson);
    try {
      if (operation === 'encode') for (const codec of codecs) payloads = await codec.encode(payloads);
      else for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
    } catch (err) {
      // The protocol's answer to a codec error is a 400; the message names the key, never data.
      throw invalidField('body.payloads', (err as Error).message);
    }
    res.json({ payloads: payloads.map(toJson) });
  };

  router.use('/temporal-codec', cors(codecOrigins(deps.temporalUiUrl)));
  router.post('/temporal-codec/decode', requireRole(...opsRoles), run('decode'));
  router.post('/temporal-codec/encode', requireRole(...opsRoles), run('encode'));
  return router;
}

// Cross-site request forgery, refused on two grounds a browser cannot be made to fake. A
// change (POST, PUT, PATCH, DELETE) must come from the app's own origin: `Sec-Fetch-Site`,
// which every current browser sends, must say same-origin; where only `Origin` is sent, its
// host must be the one the request was sent to. A request with neither comes from no browser
// (an ERP's script, curl), where forgery is not the risk. And a POST, PUT or PATCH must carry
// JSON, CSV, XML or octet-stream (bank statements: CAMT.053 as XML, MT940 as a file): a page on
// another site can only send forms (url-encoded, multipart, text/plain) without the browser
// first asking the server, which answers no such question (no CORS).
// The codec endpoint for the Temporal Web UI is called across origins by design and checks
// its callers itself (temporal-codec/router.ts).
import type { RequestHandler } from 'express';
import { AppError, invalidField } from '../errors.ts';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** Content types a cross-site form cannot send. */
export const ACCEPTED_TYPES = ['application/json', 'text/csv', 'application/xml', 'application/octet-stream'] as const;

export function sameOriginChanges(o: { exempt: string[] }): RequestHandler {
  return (req, _res, next) => {
    if (!CHANGES.has(req.method) || o.exempt.some((p) => req.path.startsWith(p))) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if (site !== undefined && site !== 'same-origin') {
      return next(new AppError('forbidden', `a change must come from this app's own pages; this request came from another site (Sec-Fetch-Site: ${site})`));
    }
    if (site === undefined && origin !== undefined && hostOf(origin) !== req.get('host')) {
      return next(new AppError('forbidden', `a change must come from this app's own pages; this request came from ${origin}`));
    }
    if (WITH_BODY.has(req.method)) {
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(ACCEPTED_TYPES as readonly string[]).includes(type)) {
        return next(invalidField('header.Content-Type', `send ${ACCEPTED_TYPES.join(' or ')} (a request without a body too: {}), not ${type || 'no content type'}`));
      }
    }
    next();
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

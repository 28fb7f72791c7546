// The security headers of every answer, by helmet. The web app runs under a strict content
// security policy: scripts, styles, fonts, images and API calls from this origin only, no
// inline script, nothing may frame it (clickjacking of a bulk cancel). Style attributes are
// allowed: React Flow and the charts position their elements with them, and a style attribute
// cannot run code. HSTS only where cookies are Secure (production behind TLS); on plain-http
// localhost it would pin a developer's browser to https.
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export function securityHeaders(o: { hsts: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: o.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The Temporal Web UI (another origin) reads the codec endpoint with credentials.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

// Response headers that lock the pages down: CSP and friends via helmet, and no caching.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

// The lab page loads only its own script and stylesheet and talks only to us.
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // Plain-HTTP loopback: upgrading to https:// would break every request.
  'upgrade-insecure-requests': null,
};

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // HSTS on http://127.0.0.1 means nothing and would pin localhost for other apps.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

// Session responses differ per visitor and per request: never cache them.
// setHeader, not res.set: Express's wrapper adds nothing for a constant and shows up per request.
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

// Refuses state-changing requests that another site started (CSRF).
//
// Two mounts of one check: crossSiteGuard() for every unsafe method, app-wide;
// and sameSiteOnly() on the tutorial's GET routes that change the session
// (/logout, /counter), mounted on the route itself. A route-level guard runs for
// exactly what the router matches (Express matches /LOGOUT and /logout/ too), so
// no spelling of the path slips past it.
import type { Request, RequestHandler } from 'express';
import { HttpError } from './http-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Values of Sec-Fetch-Site that mean "this origin, or the person typed it".
const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

/** Why this request looks started by another site, or null. */
function crossSiteReason(req: Request): string | null {
  const fetchSite = req.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && !TRUSTED_FETCH_SITES.has(fetchSite)) return `Cross-site request refused (Sec-Fetch-Site: ${fetchSite}).`;
  const origin = req.headers.origin;
  // The host guard has already checked Host, so this is our own origin.
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return `Cross-origin request refused (Origin: ${origin}).`;
  return null;
}

/** App-wide: every POST, PATCH, DELETE (any unsafe method) must come from this origin. */
export function crossSiteGuard(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const reason = crossSiteReason(req);
    next(reason === null ? undefined : new HttpError(403, reason));
  };
}

/** On a route that changes state even though its method is safe (GET /logout): the same check. */
export function sameSiteOnly(): RequestHandler {
  return (req, _res, next) => {
    const reason = crossSiteReason(req);
    next(reason === null ? undefined : new HttpError(403, reason));
  };
}

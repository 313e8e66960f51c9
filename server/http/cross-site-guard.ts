// Refuses state-changing requests that another site started (CSRF).
import type { RequestHandler } from 'express';
import { HttpError } from './http-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Values of Sec-Fetch-Site that mean "this origin, or the person typed it".
const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * @param stateChangingGets GET paths that change the session anyway (the
 *   tutorial's /logout and /counter): they get the same check.
 */
export function crossSiteGuard(stateChangingGets: readonly string[]): RequestHandler {
  const gets = new Set(stateChangingGets);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) && !gets.has(req.path)) return next();
    const fetchSite = req.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string' && !TRUSTED_FETCH_SITES.has(fetchSite)) {
      return next(new HttpError(403, `Cross-site request refused (Sec-Fetch-Site: ${fetchSite}).`));
    }
    const origin = req.headers.origin;
    // The host guard has already checked Host, so this is our own origin.
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
      return next(new HttpError(403, `Cross-origin request refused (Origin: ${origin}).`));
    }
    next();
  };
}

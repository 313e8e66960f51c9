// The client-side engine: cookie-session keeps the whole session in the signed
// cookie pair (lab_session and lab_session.sig), as Flask does.
import type { RequestHandler } from 'express';
import cookieSession from 'cookie-session';
import { SESSION_COOKIE_NAME, type CookieAttributes, type ExpiryOptions } from '../../contract';
import { HttpError } from '../http/http-error';
import { dropOversizedCookie } from './oversized-cookie';
import { encodeSessionValue } from './session-codec';
import { sessionCookieOptions } from './session-cookie';
import type { SessionEngine } from './session-engine';
import { sessionExpiry } from './session-expiry';
import { inspectCookieHeader } from './session-inspect';
import { logSessionWarnings } from './session-warning-log';

export interface ClientSessionOptions {
  keys: string[];
  attrs: CookieAttributes;
  warn: (message: string) => void;
  expiry: ExpiryOptions | null;
  now?: () => number;
}

export const CLIENT_CANNOT_REVOKE =
  'A client-side session cannot be ended on other devices: the server keeps nothing to delete, and every copy of the cookie stays valid until it expires. Only a new signing key ends them all (Lab I’s key rotation).';

export function clientSessionEngine(options: ClientSessionOptions): SessionEngine {
  const { keys } = options;
  const middleware: RequestHandler[] = [
    dropOversizedCookie(SESSION_COOKIE_NAME),
    // Hooks on the way out run last-registered first: the expiry stamps (below)
    // go into the payload, cookie-session signs and sets it, and only then does
    // the warning log look at what was written.
    logSessionWarnings(SESSION_COOKIE_NAME, options.warn),
    cookieSession(sessionCookieOptions(keys, options.attrs)),
  ];
  // With one key every valid cookie is signed by it: nothing to re-sign, and no layer to pass.
  if (keys.length > 1) middleware.push(resignWithNewestKey(keys));
  if (options.expiry) middleware.push(sessionExpiry(options.expiry, options.now));
  return {
    kind: 'client',
    middleware,
    cookieBytes(req) {
      const session = req.session;
      const populated = session !== null && session !== undefined && Object.keys(session).length > 0;
      return populated ? Buffer.byteLength(`${SESSION_COOKIE_NAME}=${encodeSessionValue({ ...session })}`) : 0;
    },
    storedBytes: () => null,
    endSessionsOf: () => Promise.reject(new HttpError(409, CLIENT_CANNOT_REVOKE)),
  };
}

/**
 * A cookie signed with an older key is accepted; rewriting the session makes
 * cookie-session sign it again with the newest key, so old keys can be dropped.
 */
function resignWithNewestKey(keys: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const { verdict } = inspectCookieHeader(req.headers.cookie, SESSION_COOKIE_NAME, keys);
    if (verdict.state === 'valid' && verdict.keyIndex > 0 && req.session) req.session = { ...req.session };
    next();
  };
}

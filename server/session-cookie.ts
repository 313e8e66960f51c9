// The session cookie's name and attributes, in one place.

export const SESSION_COOKIE_NAME = 'lab_session';
export const SIGNATURE_COOKIE_NAME = `${SESSION_COOKIE_NAME}.sig`;
/** Browsers drop a cookie whose name, value and attributes pass ~4096 bytes. */
export const COOKIE_SIZE_LIMIT = 4096;
export const DEFAULT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function sessionCookieOptions(keys: string[], maxAgeMs: number | null): CookieSessionInterfaces.CookieSessionOptions {
  return {
    name: SESSION_COOKIE_NAME,
    keys,
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    // Loopback is plain HTTP: a `secure` cookie would make cookie-session refuse
    // to send anything at all, so it stays off here.
    secure: false,
    overwrite: true,
    ...(maxAgeMs === null ? {} : { maxAge: maxAgeMs }),
  };
}

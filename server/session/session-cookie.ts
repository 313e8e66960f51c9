// The session cookie's attributes and cookie-session's options for it, in one place.
// Its name and the limits are the contract's (contract/names.ts, contract/limits.ts).
import { COOKIE_SAME_SITE_VALUES, DEFAULT_MAX_AGE_MS, MAX_MAX_AGE_MS, SESSION_COOKIE_NAME, type CookieAttributes } from '../../contract';

export const DEFAULT_COOKIE_ATTRIBUTES: Readonly<CookieAttributes> = Object.freeze({ httpOnly: true, sameSite: 'lax', maxAgeMs: DEFAULT_MAX_AGE_MS });

/** Fills in the defaults and refuses a value that is not an attribute, naming it. */
export function cookieAttributes(given: Partial<CookieAttributes> = {}): CookieAttributes {
  const attrs: CookieAttributes = { ...DEFAULT_COOKIE_ATTRIBUTES, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
  if (typeof attrs.httpOnly !== 'boolean') throw new TypeError(`cookie.httpOnly must be true or false, not ${String(attrs.httpOnly)}.`);
  if (!(COOKIE_SAME_SITE_VALUES as readonly string[]).includes(attrs.sameSite)) {
    throw new TypeError(`cookie.sameSite must be one of ${COOKIE_SAME_SITE_VALUES.join(', ')}, not ${String(attrs.sameSite)}.`);
  }
  const maxAge = attrs.maxAgeMs;
  if (maxAge !== null && (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 1000 || maxAge > MAX_MAX_AGE_MS)) {
    throw new TypeError(`cookie.maxAgeMs must be null or whole milliseconds from 1000 to ${MAX_MAX_AGE_MS}, not ${String(maxAge)}.`);
  }
  return attrs;
}

export function sessionCookieOptions(keys: string[], attrs: CookieAttributes = DEFAULT_COOKIE_ATTRIBUTES): CookieSessionInterfaces.CookieSessionOptions {
  return {
    name: SESSION_COOKIE_NAME,
    keys,
    signed: true,
    httpOnly: attrs.httpOnly,
    sameSite: attrs.sameSite,
    path: '/',
    // Loopback is plain HTTP: a `secure` cookie would make cookie-session refuse
    // to send anything at all, so it stays off here (which is also why
    // SameSite=None, which requires Secure, is refused by the browser).
    secure: false,
    overwrite: true,
    ...(attrs.maxAgeMs === null ? {} : { maxAge: attrs.maxAgeMs }),
  };
}

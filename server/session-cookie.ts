// The session cookie's name and attributes, in one place.

export const SESSION_COOKIE_NAME = 'lab_session';
export const SIGNATURE_COOKIE_NAME = `${SESSION_COOKIE_NAME}.sig`;
/** Browsers drop a cookie whose name, value and attributes pass ~4096 bytes. */
export const COOKIE_SIZE_LIMIT = 4096;
export const DEFAULT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Longer than this is no session lifetime anyone should choose (and browsers cap it at 400 days). */
export const MAX_MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;

export type CookieSameSite = 'lax' | 'strict' | 'none';
export const COOKIE_SAME_SITE_VALUES = ['lax', 'strict', 'none'] as const satisfies readonly CookieSameSite[];

/** The session cookie's attributes a server option may change (Lab II's switches). */
export interface CookieAttributes {
  /** Hidden from page scripts (document.cookie). On by default. */
  httpOnly: boolean;
  /** Lax by default. 'none' without Secure is refused by current browsers (this server speaks plain HTTP). */
  sameSite: CookieSameSite;
  /** Lifetime; null makes it a browser-session cookie (no Expires). */
  maxAgeMs: number | null;
}

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

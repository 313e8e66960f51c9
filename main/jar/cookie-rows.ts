// Turns Electron's cookies into the inspector's rows, and back into set() details.
import type { Cookie, CookiesSetDetails } from 'electron';
import type { CookieRow } from '../../contract';

/** Bytes of name + value, what counts against the browser's ~4 KB per-cookie limit. */
export function cookieBytes(name: string, value: string): number {
  return Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
}

/** One jar row with every attribute Electron reports; absent flags read as false. */
export function toCookieRow(cookie: Cookie): CookieRow {
  // Electron marks browser-session cookies with `session`; an expiry without it
  // is a persistent cookie even if `session` is missing.
  const session = cookie.session ?? cookie.expirationDate === undefined;
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain ?? '',
    hostOnly: cookie.hostOnly ?? false,
    path: cookie.path ?? '/',
    secure: cookie.secure ?? false,
    httpOnly: cookie.httpOnly ?? false,
    session,
    expirationDate: session ? null : (cookie.expirationDate ?? null),
    sameSite: cookie.sameSite,
    size: cookieBytes(cookie.name, cookie.value),
  };
}

/** Rows in a stable order (name, then most specific path), so the table does not jump. */
export function sortRows(rows: CookieRow[]): CookieRow[] {
  return [...rows].sort((a, b) => (a.name === b.name ? b.path.length - a.path.length : a.name < b.name ? -1 : 1));
}

/**
 * Whether a cookie with this domain attribute is sent to `host`. A host-only
 * cookie matches exactly; a domain cookie also matches subdomains.
 */
export function cookieMatchesHost(cookie: Pick<Cookie, 'domain' | 'hostOnly'>, host: string): boolean {
  const domain = (cookie.domain ?? '').replace(/^\./, '').toLowerCase();
  const target = host.toLowerCase();
  if (domain === '') return false;
  if (domain === target) return true;
  return cookie.hostOnly !== true && target.endsWith(`.${domain}`);
}

/** Whether a cookie with this Path attribute goes with a request for `requestPath` (RFC 6265, 5.1.4). */
export function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (cookiePath === requestPath) return true;
  return requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/');
}

/**
 * The Cookie header a browser holding `rows` sends with a request for `url`: the
 * cookies whose path matches (Secure ones only over https), longest path first,
 * as RFC 6265 orders them; undefined when none would go.
 */
export function cookieHeaderFor(rows: readonly CookieRow[], url: string): string | undefined {
  const { pathname, protocol } = new URL(url);
  const sent = rows.filter((r) => pathMatches(r.path, pathname) && (!r.secure || protocol === 'https:'));
  // A stable sort: equal paths keep the jar's order.
  sent.sort((a, b) => b.path.length - a.path.length);
  return sent.length === 0 ? undefined : sent.map((r) => `${r.name}=${r.value}`).join('; ');
}

/** The URL Electron needs to reach this cookie: our origin plus the cookie's own path. */
export function cookieUrl(origin: string, cookie: Pick<CookieRow, 'path'>): string {
  return `${origin}${cookie.path.startsWith('/') ? cookie.path : `/${cookie.path}`}`;
}

/**
 * set() details that write `value` into `row` and keep everything else:
 * path, flags, SameSite and expiry. A host-only cookie must not get a domain
 * attribute, or Chromium would turn it into a domain cookie (a second row).
 */
export function setValueDetails(origin: string, row: CookieRow, value: string): CookiesSetDetails {
  return {
    url: cookieUrl(origin, row),
    name: row.name,
    value,
    path: row.path,
    secure: row.secure,
    httpOnly: row.httpOnly,
    sameSite: row.sameSite,
    ...(row.hostOnly ? {} : { domain: row.domain }),
    // Omitting the expiry is how Electron makes a browser-session cookie.
    ...(row.expirationDate === null ? {} : { expirationDate: row.expirationDate }),
  };
}

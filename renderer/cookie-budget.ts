// Size accounting for Lab II's budget meter: what each cookie costs against the
// browser's limit, what the origin sends in every Cookie header, and the size of
// one cookie as a Set-Cookie line or a Cookie header carries it.
import { COOKIE_BYTES_LIMIT, type CookieRow } from '../contract';

export interface CookieCost {
  name: string;
  /** Bytes of name + value, what the limit counts. */
  bytes: number;
  /** bytes / COOKIE_BYTES_LIMIT. */
  share: number;
}

export interface Budget {
  cookies: CookieCost[];
  /** Bytes of the Cookie header the browser sends with every request: `a=1; b=2`. */
  headerBytes: number;
  /** The biggest single cookie: the one that hits the limit first. */
  largest: CookieCost | null;
}

const utf8 = new TextEncoder();
export const byteLength = (text: string): number => utf8.encode(text).length;

export function cookieBudget(rows: readonly CookieRow[]): Budget {
  const cookies = rows.map((r) => {
    const bytes = byteLength(r.name) + byteLength(r.value);
    return { name: r.name, bytes, share: bytes / COOKIE_BYTES_LIMIT };
  });
  const headerBytes = rows.length === 0 ? 0 : rows.reduce((sum, r) => sum + byteLength(`${r.name}=${r.value}`), 0) + 2 * (rows.length - 1);
  const largest = cookies.reduce<CookieCost | null>((max, c) => (max === null || c.bytes > max.bytes ? c : max), null);
  return { cookies, headerBytes, largest };
}

/** Name + value bytes of the cookie `name` in Set-Cookie lines, or null when none sets it. */
export function setCookieBytes(lines: readonly string[], name: string): number | null {
  for (const line of lines) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    return byteLength(name) + byteLength(pair.slice(eq + 1).trim());
  }
  return null;
}

/** Name + value bytes of the cookie `name` in a Cookie request header, or null when it was not sent. */
export function sentCookieBytes(header: string | null, name: string): number | null {
  if (header === null) return null;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq).trim() === name) return byteLength(name) + byteLength(pair.slice(eq + 1).trim());
  }
  return null;
}

/** "4,068 bytes" */
export function bytesText(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

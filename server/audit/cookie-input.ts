// Turns what a person pastes (a bare value, `name=value`, a whole Cookie header,
// or Set-Cookie lines) into the cookies to examine, each URL-decoded once. A
// Set-Cookie line's attributes are read with the `cookie` module's
// parseSetCookie (jshttp's, already what the server's own cookie code builds on).
import { parseSetCookie } from 'cookie';
import { recognise } from './formats/registry';

/** What a Set-Cookie line says about its cookie, besides the value. */
export interface SetCookieLine {
  /** The value as it was sent, before URL-decoding: what the browser stores and counts. */
  sentValue: string;
  /** As written (a leading dot kept); null without a Domain attribute: a host-only cookie. */
  domain: string | null;
  path: string | null;
  secure: boolean;
  httpOnly: boolean;
  /** Lower-case; null when absent or not one of the three a browser knows. */
  sameSite: 'strict' | 'lax' | 'none' | null;
  /** Seconds, from Max-Age; null when absent. */
  maxAge: number | null;
  /** Seconds since the epoch, from Expires; null when absent or not a date. */
  expires: number | null;
}

export interface InputCookie {
  /** null for a bare value. */
  name: string | null;
  /** URL-decoded (and unquoted) value. */
  value: string;
  /** cookie-session's `<name>.sig`, when the input has that partner. */
  signature?: string;
  /** Pasted as a Set-Cookie line: its attributes. */
  setCookie?: SetCookieLine;
}

export class CookieInputError extends Error {
  override name = 'CookieInputError';
}

/** More than any browser sends in one Cookie header (they cap it near 8 KB per cookie and a few hundred cookies). */
export const MAX_INPUT_CHARS = 256 * 1024;

/** The value as the framework reads it: quotes dropped, %XX decoded (a bad escape leaves it as sent). */
export function cookieValue(raw: string): string {
  let v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  if (!v.includes('%')) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const SET_COOKIE = /^set-cookie:\s*/i;

/** A Set-Cookie line's attributes (after its first pair). */
function setCookieAttributes(line: string, sentValue: string): SetCookieLine {
  // The value is read by cookieValue, as a Cookie header's is; only the attributes come from here.
  const parsed = parseSetCookie(line, { decode: (v) => v });
  const sameSite = typeof parsed.sameSite === 'string' && ['strict', 'lax', 'none'].includes(parsed.sameSite) ? parsed.sameSite : null;
  const expires = parsed.expires instanceof Date && Number.isFinite(parsed.expires.getTime()) ? Math.floor(parsed.expires.getTime() / 1000) : null;
  return {
    sentValue,
    domain: parsed.domain ?? null,
    path: parsed.path ?? null,
    secure: parsed.secure === true,
    httpOnly: parsed.httpOnly === true,
    sameSite: sameSite as SetCookieLine['sameSite'],
    maxAge: typeof parsed.maxAge === 'number' && Number.isFinite(parsed.maxAge) ? parsed.maxAge : null,
    expires,
  };
}

interface Pair {
  name: string;
  raw: string;
  setCookie?: SetCookieLine;
}

/** `name=value`; null when the piece has no name. */
function pairOf(piece: string): { name: string; raw: string } | null {
  const eq = piece.indexOf('=');
  return eq <= 0 ? null : { name: piece.slice(0, eq).trim(), raw: piece.slice(eq + 1) };
}

/** keygrip's partner belongs to its cookie, not a cookie of its own (a Set-Cookie pair keeps the cookie's attributes). */
function pairUp(pairs: readonly Pair[]): InputCookie[] {
  const byName = new Map(pairs.map((p) => [p.name, p.raw]));
  const cookies: InputCookie[] = [];
  for (const { name, raw, setCookie } of pairs) {
    if (name.endsWith('.sig') && byName.has(name.slice(0, -4))) continue;
    const sig = byName.get(`${name}.sig`);
    cookies.push({
      name,
      value: cookieValue(raw),
      ...(sig === undefined ? {} : { signature: cookieValue(sig) }),
      ...(setCookie === undefined ? {} : { setCookie }),
    });
  }
  return cookies;
}

/** One Set-Cookie line (without its "Set-Cookie:"): the first pair is the cookie, the rest are its attributes. */
function setCookiePair(line: string, at: number, of: number): Pair {
  const first = line.split(';')[0]!.trim();
  const pair = pairOf(first);
  if (pair === null) throw new CookieInputError(`${of > 1 ? `Set-Cookie line ${at}` : 'The Set-Cookie line'} does not start with name=value.`);
  return { ...pair, setCookie: setCookieAttributes(line, pair.raw.trim()) };
}

export function parseCookieInput(input: string): InputCookie[] {
  if (input.length > MAX_INPUT_CHARS) throw new CookieInputError(`The input is ${input.length} characters; a Cookie header is at most a few KB.`);
  // Several Set-Cookie lines, as DevTools or `curl -i` show a response's: one cookie each.
  const lines = input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length > 1 && lines.every((l) => SET_COOKIE.test(l)))
    return pairUp(lines.map((l, i) => setCookiePair(l.replace(SET_COOKIE, ''), i + 1, lines.length)));
  let text = input.trim();
  let setCookie = false;
  const prefix = /^(set-)?cookie:\s*/i.exec(text);
  if (prefix) {
    setCookie = prefix[1] !== undefined;
    text = text.slice(prefix[0].length);
  }
  if (text === '') throw new CookieInputError('The input is empty: give a cookie value, name=value, or a Cookie header.');
  if (setCookie) return pairUp([setCookiePair(text, 1, 1)]);
  // A lone value with "=" in it (base64 padding) is still one value if some format reads it whole.
  if (!prefix && !text.includes(';') && recognise({ name: null, value: cookieValue(text) }) !== null) return [{ name: null, value: cookieValue(text) }];
  const pieces = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const pairs: Pair[] = [];
  for (const piece of pieces) {
    const pair = pairOf(piece);
    if (pair === null) {
      if (pieces.length === 1) return [{ name: null, value: cookieValue(piece) }];
      throw new CookieInputError(`Part ${pairs.length + 1} of the header has no name=value.`);
    }
    pairs.push(pair);
  }
  return pairUp(pairs);
}

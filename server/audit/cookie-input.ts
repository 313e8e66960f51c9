// Turns what a person pastes (a bare value, `name=value`, a whole Cookie header,
// or a Set-Cookie line) into the cookies to examine, each URL-decoded once.
import { recognise } from './formats/registry';

export interface InputCookie {
  /** null for a bare value. */
  name: string | null;
  /** URL-decoded (and unquoted) value. */
  value: string;
  /** cookie-session's `<name>.sig`, when the input has that partner. */
  signature?: string;
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

export function parseCookieInput(input: string): InputCookie[] {
  if (input.length > MAX_INPUT_CHARS) throw new CookieInputError(`The input is ${input.length} characters; a Cookie header is at most a few KB.`);
  let text = input.trim();
  let setCookie = false;
  const prefix = /^(set-)?cookie:\s*/i.exec(text);
  if (prefix) {
    setCookie = prefix[1] !== undefined;
    text = text.slice(prefix[0].length);
  }
  if (text === '') throw new CookieInputError('The input is empty: give a cookie value, name=value, or a Cookie header.');
  // A lone value with "=" in it (base64 padding) is still one value if some format reads it whole.
  if (!prefix && !text.includes(';') && recognise({ name: null, value: cookieValue(text) }) !== null) return [{ name: null, value: cookieValue(text) }];
  // Set-Cookie: the first pair is the cookie, the rest are its attributes.
  const pieces = (setCookie ? [text.split(';')[0]!] : text.split(';')).map((p) => p.trim()).filter((p) => p !== '');
  const pairs: Array<{ name: string; raw: string }> = [];
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq <= 0) {
      if (pieces.length === 1) return [{ name: null, value: cookieValue(piece) }];
      throw new CookieInputError(`Part ${pairs.length + 1} of the header has no name=value.`);
    }
    pairs.push({ name: piece.slice(0, eq).trim(), raw: piece.slice(eq + 1) });
  }
  const byName = new Map(pairs.map((p) => [p.name, p.raw]));
  const cookies: InputCookie[] = [];
  for (const { name, raw } of pairs) {
    // keygrip's partner belongs to its cookie, not a cookie of its own.
    if (name.endsWith('.sig') && byName.has(name.slice(0, -4))) continue;
    const sig = byName.get(`${name}.sig`);
    cookies.push({ name, value: cookieValue(raw), ...(sig === undefined ? {} : { signature: cookieValue(sig) }) });
  }
  return cookies;
}

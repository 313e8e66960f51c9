// Finds a cookie-session pair (`name` and `name.sig`) in a Cookie header string.
import { parse } from 'cookie';

export interface SessionPair {
  name: string;
  value: string;
  sig: string | undefined;
}

export class CookieHeaderError extends Error {
  override name = 'CookieHeaderError';
}

/**
 * Accepts what a person copies from DevTools or curl: `a=1; a.sig=xyz`, with or
 * without a leading "Cookie:". Picks `name` when given; otherwise the cookie that
 * has a `.sig` partner; otherwise the only cookie.
 */
export function findSessionPair(header: string, name?: string): SessionPair {
  const text = header.trim().replace(/^cookie:\s*/i, '');
  if (text === '' || !text.includes('=')) {
    throw new CookieHeaderError('That is not a Cookie header: expected name=value pairs such as "session=eyJ...; session.sig=abc".');
  }
  const jar = parse(text, { decode: (v) => v });
  const names = Object.keys(jar);
  let chosen = name;
  if (chosen === undefined) {
    const signed = names.filter((n) => !n.endsWith('.sig') && jar[`${n}.sig`] !== undefined);
    const unsigned = names.filter((n) => !n.endsWith('.sig'));
    if (signed.length === 1) chosen = signed[0];
    else if (signed.length > 1) throw new CookieHeaderError(`Several signed cookies (${signed.join(', ')}): choose one with --name.`);
    else if (unsigned.length === 1) chosen = unsigned[0];
    else throw new CookieHeaderError(`Cannot tell which cookie is the session (${unsigned.join(', ') || 'none'}): choose one with --name.`);
  }
  const value = chosen === undefined ? undefined : jar[chosen];
  if (chosen === undefined || value === undefined) {
    throw new CookieHeaderError(`There is no cookie named "${chosen ?? ''}" in that header (found: ${names.join(', ')}).`);
  }
  return { name: chosen, value, sig: jar[`${chosen}.sig`] };
}

// The base64 dialects session cookies use, each decoded as leniently or strictly
// as the framework that reads it.

const STD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/** URL-safe base64 without padding: itsdangerous, Django, JWT, keygrip. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** URL-safe base64, padding optional (itsdangerous and Django add it back); null if not base64. */
export function base64UrlDecode(text: string): Buffer | null {
  const bare = text.replace(/=+$/, '');
  if (!URL_SAFE.test(bare) || bare.length % 4 === 1) return null;
  return Buffer.from(bare, 'base64url');
}

/** Standard base64 with padding, as Ruby's strict_decode64 and PHP's strict mode need; null if not. */
export function base64StrictDecode(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !STD.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Standard base64, padding optional (Node's own reading, which cookie-session and cookie-signature use). */
export function base64LooseDecode(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return null;
  return Buffer.from(text, 'base64');
}

/** Whether re-encoding `bytes` gives `text` back (modulo padding): a key written in base64 always does. */
export function isCanonicalBase64(text: string, bytes: Uint8Array): boolean {
  const bare = text.replace(/=+$/, '');
  const b = Buffer.from(bytes);
  return b.toString('base64').replace(/=+$/, '') === bare || b.toString('base64url') === bare;
}

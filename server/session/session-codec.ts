// Reads and verifies a cookie-session cookie the way cookie-session itself does.
//
// cookie-session stores base64(JSON) in `<name>` and, in `<name>.sig`, a keygrip
// HMAC-SHA1 of the string `<name>=<value>`, base64url without padding.
import Keygrip from 'keygrip';
import type { DecodeResult, SignatureVerdict } from '../../contract';

export type Payload = Record<string, unknown>;

/** Decodes a cookie-session value: base64 of a JSON object. Never throws. */
export function decodeSessionValue(value: string): DecodeResult {
  if (value === '') return { ok: false, error: 'The cookie is empty.' };
  if (!/^[A-Za-z0-9+/=_-]+$/.test(value)) return { ok: false, error: 'The value is not base64.' };
  const json = Buffer.from(value, 'base64').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, error: 'The base64 does not decode to JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: 'The JSON is not an object.' };
  }
  return { ok: true, payload: parsed as Payload, json };
}

/** Encodes a payload exactly as cookie-session does. */
export function encodeSessionValue(payload: Payload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

/** The `.sig` value cookie-session writes for `name=value` with `key`. */
export function signSessionValue(name: string, value: string, key: string): string {
  return new Keygrip([key]).sign(`${name}=${value}`);
}

/** Which of `keys` (newest first) signed this cookie, if any. */
export function verifySessionSignature(name: string, value: string, sig: string | undefined, keys: readonly string[]): SignatureVerdict {
  if (sig === undefined || sig === '') return { state: 'missing' };
  const keyIndex = new Keygrip([...keys]).index(`${name}=${value}`, sig);
  return keyIndex >= 0 ? { state: 'valid', keyIndex } : { state: 'invalid' };
}

// Warnings about what a session holds: too close to the cookie size limit, or
// something that looks like a password or token (the tutorial's advice: keep
// sessions small, and keep sensitive data out of them — anyone can read them).
import { COOKIE_BYTES_LIMIT } from '../../contract';
import { findSensitive } from './sensitive-data';

export type SessionWarning = { kind: 'size'; bytes: number; limit: number; message: string } | { kind: 'sensitive'; key: string; message: string };

/** Warn from three quarters of the limit: the next few writes may be dropped. */
export const SIZE_WARNING_RATIO = 0.75;

/**
 * The bytes the browser stores for the session: `name=value` of the session
 * cookie plus its `.sig` (27 characters of signature), given the length of the
 * base64 value (ASCII: one byte a character).
 */
export function sessionCookieBytes(name: string, valueLength: number): number {
  return Buffer.byteLength(`${name}=`) + valueLength + Buffer.byteLength(`${name}.sig=`) + 27;
}

/** cookie-session's value is base64 of the JSON, padded: 4 characters per 3 bytes. */
function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

export function sessionWarnings(name: string, payload: Record<string, unknown>): SessionWarning[] {
  const warnings: SessionWarning[] = [];
  const bytes = sessionCookieBytes(name, base64Length(Buffer.byteLength(JSON.stringify(payload))));
  if (bytes >= COOKIE_BYTES_LIMIT * SIZE_WARNING_RATIO) {
    warnings.push({
      kind: 'size',
      bytes,
      limit: COOKIE_BYTES_LIMIT,
      message: `The session cookie is ${bytes} bytes, near the ~${COOKIE_BYTES_LIMIT}-byte limit: past it the browser silently drops the new cookie and keeps sending the old one.`,
    });
  }
  for (const { key, looksLike } of findSensitive(payload)) {
    warnings.push({
      kind: 'sensitive',
      key,
      message:
        looksLike === null
          ? `The session holds "${key}", which looks sensitive: anyone with the cookie can read it (it is only base64).`
          : `The session's "${key}" looks like ${looksLike}: anyone with the cookie can read it (it is only base64).`,
    });
  }
  return warnings;
}

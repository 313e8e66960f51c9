// The auditor's plain-data API: examine (detect + decode), verify, sign and
// re-sign. Every argument and result is plain data, so main/ can put it behind
// IPC as it is; cracking is in crack/ (crackCookies) with progress and an AbortSignal.
import { parseCookieInput, type InputCookie, type SetCookieLine } from './cookie-input';
import { nodePrimitives } from './crypto/primitives';
import { SignError, type AuditTarget, type Decoded, type FormatId, type FormatOptions, type PayloadView, type SignedCookies } from './formats/format';
import { FORMATS, readTarget, recognise } from './formats/registry';

export interface ExaminedCookie {
  name: string | null;
  /** The value as read (URL-decoded). */
  value: string;
  /** What verify and crack take; null when no format reads the cookie. */
  target: AuditTarget | null;
  decoded: Decoded | null;
  /** Pasted as a Set-Cookie line: its attributes; null otherwise. */
  setCookie: SetCookieLine | null;
}

export interface ExamineOptions {
  /** Read every cookie as this format instead of detecting one. */
  format?: FormatId;
  options?: FormatOptions;
}

/** Every cookie in the input, each with the format that reads it. Throws CookieInputError on unusable input. */
export function examine(input: string, o: ExamineOptions = {}): ExaminedCookie[] {
  return parseCookieInput(input).map((cookie) => examineCookie(cookie, o));
}

/** One cookie as a browser's jar holds it (value as stored; cookie-session's `.sig` partner beside it), with the format that reads it. */
export function examineCookie(cookie: InputCookie, o: ExamineOptions = {}): ExaminedCookie {
  const found = recognise({ ...cookie, ...(o.options ? { options: o.options } : {}) }, o.format);
  return {
    name: cookie.name,
    value: cookie.value,
    target: found?.target ?? null,
    decoded: found ? found.format.decode(found.parsed) : null,
    setCookie: cookie.setCookie ?? null,
  };
}

export type VerifyVerdict = { valid: true; variant: string; payload: PayloadView | null } | { valid: false; reason: string };

/** Whether `secret` (as the framework's configuration holds it) made this cookie. */
export function verifyTarget(target: AuditTarget, secret: Uint8Array): VerifyVerdict {
  const found = readTarget(target);
  if (found === null) return { valid: false, reason: 'The cookie no longer reads as this format.' };
  const key = found.format.configuredKey?.(secret) ?? secret;
  const hypotheses = found.format.hypotheses(found.parsed);
  if (hypotheses.length === 0) return { valid: false, reason: found.format.decode(found.parsed).unverifiable ?? 'There is nothing to check a key against.' };
  for (const h of hypotheses) {
    const derived = h.schedule.derive(key, nodePrimitives);
    if (derived !== null && h.check(derived, nodePrimitives)) {
      return { valid: true, variant: h.variant, payload: found.format.reveal ? found.format.reveal(found.parsed, key, h) : null };
    }
  }
  return { valid: false, reason: 'No variant of this format made the cookie with this key (or the cookie was changed).' };
}

/** A new cookie of `format`, as the framework would set it. */
export function signNew(
  format: FormatId,
  request: { name: string | null; payload: string; secret: Uint8Array; options?: FormatOptions; now?: number },
): SignedCookies {
  const f = FORMATS[format];
  const secret = f.configuredKey?.(request.secret) ?? request.secret;
  return f.sign({ name: request.name, payload: request.payload, secret, options: request.options ?? {}, now: request.now ?? Date.now() / 1000 });
}

/** The cookie re-signed with `secret`: same format and parameters, fresh timestamp, optionally a new payload. */
export function resign(target: AuditTarget, secret: Uint8Array, payload?: string, now = Date.now() / 1000): SignedCookies {
  const found = readTarget(target);
  if (found === null) throw new SignError('The cookie does not read as its format.');
  const key = found.format.configuredKey?.(secret) ?? secret;
  return found.format.sign(found.format.resignRequest(found.parsed, key, now, payload));
}

// Every format the auditor knows, in the order detection tries them, and the
// detection itself: the first format that reads the cookie names it.
import { cookieSession } from './cookie-session';
import { django } from './django';
import { expressSession } from './express-session';
import type { AuditTarget, CookieFormat, FormatId } from './format';
import { flask, itsdangerous } from './itsdangerous';
import { jwt } from './jwt';
import { laravel } from './laravel';
import { rails } from './rails';

// Most specific shapes first: a JWT's header names its alg, express-session starts
// "s:", Django uses ":" and Flask "."; cookie-session needs its ".sig" partner
// (or a name and base64 JSON), Laravel's base64 JSON has iv/value/mac.
const DETECTION_ORDER: readonly CookieFormat<unknown>[] = [
  jwt,
  expressSession,
  django,
  flask,
  rails,
  laravel,
  cookieSession,
] as unknown as CookieFormat<unknown>[];

export const FORMATS: Readonly<Record<FormatId, CookieFormat<unknown>>> = {
  'cookie-session': cookieSession as unknown as CookieFormat<unknown>,
  flask: flask as unknown as CookieFormat<unknown>,
  itsdangerous: itsdangerous as unknown as CookieFormat<unknown>,
  'express-session': expressSession as unknown as CookieFormat<unknown>,
  django: django as unknown as CookieFormat<unknown>,
  jwt: jwt as unknown as CookieFormat<unknown>,
  rails: rails as unknown as CookieFormat<unknown>,
  laravel: laravel as unknown as CookieFormat<unknown>,
};

export const FORMAT_IDS = Object.keys(FORMATS) as FormatId[];

export function isFormatId(value: string): value is FormatId {
  return (FORMAT_IDS as string[]).includes(value);
}

/** A cookie read by the format that recognised it (or was forced). */
export interface Recognised {
  target: AuditTarget;
  format: CookieFormat<unknown>;
  parsed: unknown;
}

/** Reads the cookie with `forced`, or with the first format that recognises it; null when none does. */
export function recognise(cookie: Omit<AuditTarget, 'format'>, forced?: FormatId): Recognised | null {
  for (const format of forced === undefined ? DETECTION_ORDER : [FORMATS[forced]]) {
    const target: AuditTarget = { ...cookie, format: format.id };
    const parsed = format.parse(target);
    if (parsed !== null) return { target, format, parsed };
  }
  return null;
}

/** Re-reads a target whose format is known (in a worker, or from a window over IPC). */
export function readTarget(target: AuditTarget): Recognised | null {
  const format = FORMATS[target.format];
  const parsed = format.parse(target);
  return parsed === null ? null : { target, format, parsed };
}

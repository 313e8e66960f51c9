// What every session-cookie format module provides, as plain data and small
// functions: read a cookie, show it, the checks a key must pass, and signing.
import type { JsonNode } from '../codec/json-tree';
import type { HashName, Primitives } from '../crypto/primitives';

export type FormatId = 'cookie-session' | 'flask' | 'itsdangerous' | 'express-session' | 'django' | 'jwt' | 'rails' | 'laravel';

/** Parameters a cookie does not carry, for the formats that have them. */
export interface FormatOptions {
  /** itsdangerous and Django salt (Flask: "cookie-session"; Django sessions: their backend's module path). */
  salt?: string;
  /** itsdangerous key derivation (Flask: hmac; itsdangerous' own default: django-concat). */
  keyDerivation?: KeyDerivation;
  /** The HMAC's hash, where the cookie's signature length does not settle it. */
  digest?: HashName;
  /** Rails' PBKDF2 hash: sha1 before Rails 7, sha256 in Rails 7. */
  kdfDigest?: 'sha1' | 'sha256';
  /** itsdangerous before 1.1 counted timestamps from 2011-01-01, not 1970. */
  legacyEpoch?: boolean;
  /** Which Rails cookie to sign: signed, encrypted (AES-256-GCM, 5.2+) or encrypted-cbc (4.0 to 5.1). */
  railsCookie?: 'signed' | 'encrypted' | 'encrypted-cbc';
  /** Rails' metadata envelope: "message" (5.2 to 7.0), "data" (7.1) or none (before 5.2). */
  railsEnvelope?: 'message' | 'data' | 'none';
  /** Laravel's cipher mode: cbc (AES-CBC + HMAC-SHA256, the default) or gcm; the key length picks 128 or 256. */
  laravelCipher?: 'cbc' | 'gcm';
}

export type KeyDerivation = 'hmac' | 'django-concat' | 'concat' | 'none';

/** One cookie to audit. Plain data: it crosses to worker threads, and over IPC to a window. */
export interface AuditTarget {
  format: FormatId;
  /** The cookie's name, when the input gave one (cookie-session signs it, Rails and Laravel bind it). */
  name: string | null;
  /** The value, URL-decoded. */
  value: string;
  /** cookie-session's `<name>.sig` partner. */
  signature?: string;
  options?: FormatOptions;
}

/** How a secret becomes the key a check uses. Same id, same key: a crack derives once per id and candidate. */
export interface KeySchedule {
  id: string;
  /** null: this secret cannot be such a key (a Laravel key must be 16 or 32 bytes). */
  derive(secret: Uint8Array, p: Primitives): Uint8Array | null;
}

/** One way the cookie may have been made; the key passes `check` if it made it. */
export interface Hypothesis {
  schedule: KeySchedule;
  /** Which variant holds when the check passes, e.g. "Django 3.1 and later (HMAC-SHA256)". */
  variant: string;
  check(key: Uint8Array, p: Primitives): boolean;
}

export interface Fact {
  label: string;
  value: string;
}

export type PayloadView =
  | { kind: 'json'; tree: JsonNode }
  | { kind: 'text'; text: string }
  /** Bytes that are not text (Ruby Marshal, PHP values), base64 so the view stays plain data. */
  | { kind: 'bytes'; base64: string; note: string }
  /** Nothing readable: encrypted without a key, or kept on the server. */
  | { kind: 'hidden'; reason: string };

export interface Decoded {
  format: FormatId;
  title: string;
  name: string | null;
  facts: Fact[];
  payload: PayloadView;
  notes: string[];
  /** Why no key can be checked against this cookie, when none can. */
  unverifiable?: string;
}

/** A new session to sign, or the payload to put into a re-signed cookie. */
export interface SignRequest {
  name: string | null;
  /** JSON text for JSON formats; the session ID for express-session; the plain value for Laravel. */
  payload: string;
  /** The key as the framework holds it (Laravel's "base64:" already read). */
  secret: Uint8Array;
  options: FormatOptions;
  /** Seconds since 1970, for the timestamp the framework would write. */
  now: number;
}

/** Cookies as the framework sets them: values exactly as they go on the wire. */
export interface SignedCookies {
  cookies: Array<{ name: string; value: string }>;
  /** The parameters used, in words ("Flask: HMAC-SHA1, salt cookie-session, zlib: no"). */
  summary: string;
}

export interface CookieFormat<P> {
  id: FormatId;
  title: string;
  /** Reads the cookie; null when it is not this format. Never throws. */
  parse(target: AuditTarget): P | null;
  decode(parsed: P): Decoded;
  hypotheses(parsed: P): Hypothesis[];
  /** With the key known: the payload an encrypted format hides. */
  reveal?(parsed: P, secret: Uint8Array, hypothesis: Hypothesis): PayloadView;
  /** The key bytes the framework reads from its configuration string (Laravel decodes "base64:"). */
  configuredKey?(secret: Uint8Array): Uint8Array;
  sign(request: SignRequest): SignedCookies;
  /** The request that re-signs this cookie as its framework would: same parameters, fresh timestamp. */
  resignRequest(parsed: P, secret: Uint8Array, now: number, payload?: string): SignRequest;
}

/** A bad payload or option for signing; the message names the problem. */
export class SignError extends Error {
  override name = 'SignError';
}

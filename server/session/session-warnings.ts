// Warnings about what a session holds: too close to the cookie size limit, or
// something that looks like a password or token (the tutorial's advice: keep
// sessions small, and keep sensitive data out of them — anyone can read them).
import { COOKIE_BYTES_LIMIT } from '../../contract';

export type SessionWarning =
  | { kind: 'size'; bytes: number; limit: number; message: string }
  | { kind: 'sensitive'; key: string; message: string };

/** Warn from three quarters of the limit: the next few writes may be dropped. */
export const SIZE_WARNING_RATIO = 0.75;

// Matched against the key's words (camelCase, snake_case and kebab-case split),
// so "authToken" and "api_key" match but "author" and "passport" do not.
const SENSITIVE_WORDS = new Set(['password', 'passwd', 'passphrase', 'pass', 'pwd', 'secret', 'token', 'auth', 'credential', 'credentials', 'cvv', 'ssn', 'pin']);
const SENSITIVE_PAIRS = new Set(['api key', 'private key', 'credit card', 'card number', 'access key', 'session id']);

function looksSensitive(key: string): boolean {
  // A session holds the same few keys request after request: split each once.
  let verdict = sensitiveKeyCache.get(key);
  if (verdict === undefined) {
    const words = key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    verdict = words.some((w, i) => SENSITIVE_WORDS.has(w) || SENSITIVE_PAIRS.has(`${w} ${words[i + 1] ?? ''}`));
    // Keys come from sessions, which anyone can write: bound the cache.
    if (sensitiveKeyCache.size >= SENSITIVE_KEY_CACHE_SIZE) sensitiveKeyCache.clear();
    sensitiveKeyCache.set(key, verdict);
  }
  return verdict;
}
const SENSITIVE_KEY_CACHE_SIZE = 512;
const sensitiveKeyCache = new Map<string, boolean>();

// Values that look like credentials whatever their key: JWTs, bearer tokens, PEM keys, long random strings.
const SENSITIVE_VALUE: readonly [RegExp, string][] = [
  [/^eyJ[\w-]+\.[\w-]+\.[\w-]*$/, 'a JSON Web Token'],
  [/^bearer\s+\S+/i, 'a bearer token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/^(sk|pk|ghp|gho|xox[abp])[-_][A-Za-z0-9_-]{16,}$/, 'an API key'],
];

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
  visit(payload, '', 0, (key, leaf, value) => {
    if (looksSensitive(leaf)) {
      warnings.push({ kind: 'sensitive', key, message: `The session holds "${key}", which looks sensitive: anyone with the cookie can read it (it is only base64).` });
      return;
    }
    if (typeof value !== 'string') return;
    const match = SENSITIVE_VALUE.find(([pattern]) => pattern.test(value.trim()));
    if (match) warnings.push({ kind: 'sensitive', key, message: `The session's "${key}" looks like ${match[1]}: anyone with the cookie can read it (it is only base64).` });
  });
  return warnings;
}

/**
 * Calls `each` with every (dotted key, own key, value) in a JSON value,
 * depth-first and bounded. (A callback, not a generator: this runs on every
 * response that writes the session cookie.)
 */
function visit(value: unknown, prefix: string, depth: number, each: (key: string, leaf: string, child: unknown) => void): void {
  if (depth > 8 || typeof value !== 'object' || value === null) return;
  for (const leaf of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[leaf];
    const key = prefix === '' ? leaf : `${prefix}.${leaf}`;
    each(key, leaf, child);
    visit(child, key, depth + 1, each);
  }
}

// Warnings about what a session holds: too close to the cookie size limit, or
// something that looks like a password or token (the tutorial's advice: keep
// sessions small, and keep sensitive data out of them — anyone can read them).
import { COOKIE_SIZE_LIMIT } from './session-cookie';

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
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w, i) => SENSITIVE_WORDS.has(w) || SENSITIVE_PAIRS.has(`${w} ${words[i + 1] ?? ''}`));
}
// Values that look like credentials whatever their key: JWTs, bearer tokens, PEM keys, long random strings.
const SENSITIVE_VALUE: readonly [RegExp, string][] = [
  [/^eyJ[\w-]+\.[\w-]+\.[\w-]*$/, 'a JSON Web Token'],
  [/^bearer\s+\S+/i, 'a bearer token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/^(sk|pk|ghp|gho|xox[abp])[-_][A-Za-z0-9_-]{16,}$/, 'an API key'],
];

/**
 * The bytes the browser stores for the session: `name=value` of the session
 * cookie plus its `.sig` (27 characters of signature).
 */
export function sessionCookieBytes(name: string, encodedValue: string): number {
  return Buffer.byteLength(`${name}=${encodedValue}`) + Buffer.byteLength(`${name}.sig=`) + 27;
}

export function sessionWarnings(name: string, payload: Record<string, unknown>): SessionWarning[] {
  const warnings: SessionWarning[] = [];
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  const bytes = sessionCookieBytes(name, encoded);
  if (bytes >= COOKIE_SIZE_LIMIT * SIZE_WARNING_RATIO) {
    warnings.push({
      kind: 'size',
      bytes,
      limit: COOKIE_SIZE_LIMIT,
      message: `The session cookie is ${bytes} bytes, near the ~${COOKIE_SIZE_LIMIT}-byte limit: past it the browser silently drops the new cookie and keeps sending the old one.`,
    });
  }
  for (const [key, value] of walk(payload)) {
    if (looksSensitive(key.split('.').pop() ?? key)) {
      warnings.push({ kind: 'sensitive', key, message: `The session holds "${key}", which looks sensitive: anyone with the cookie can read it (it is only base64).` });
      continue;
    }
    if (typeof value !== 'string') continue;
    const match = SENSITIVE_VALUE.find(([pattern]) => pattern.test(value.trim()));
    if (match) warnings.push({ kind: 'sensitive', key, message: `The session's "${key}" looks like ${match[1]}: anyone with the cookie can read it (it is only base64).` });
  }
  return warnings;
}

/** Every (dotted key, value) pair in a JSON value, depth-first, bounded. */
function* walk(value: unknown, prefix = '', depth = 0): Generator<[string, unknown]> {
  if (depth > 8 || typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    yield [path, child];
    yield* walk(child, path, depth + 1);
  }
}

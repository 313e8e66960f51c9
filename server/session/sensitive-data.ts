// Finds what looks like a password, a token or a key in a JSON value: by the
// key's words and by the value's shape. The server's session warnings and the
// cookie audit's "sensitive data in a readable payload" rule both read it.

/** One sensitive-looking entry: its dotted key, and what its value looks like when the shape (not the key) gave it away. */
export interface SensitiveEntry {
  key: string;
  /** "a JSON Web Token", "an API key"…; null when the key's name is what looks sensitive. */
  looksLike: string | null;
}

// Matched against the key's words (camelCase, snake_case and kebab-case split),
// so "authToken" and "api_key" match but "author" and "passport" do not.
const SENSITIVE_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'secret',
  'token',
  'auth',
  'credential',
  'credentials',
  'cvv',
  'ssn',
  'pin',
]);
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

/** Every sensitive-looking entry of a JSON value, depth-first (a key that looks sensitive is not looked into further for its value). */
export function findSensitive(value: unknown): SensitiveEntry[] {
  const found: SensitiveEntry[] = [];
  visit(value, '', 0, (key, leaf, child) => {
    if (looksSensitive(leaf)) {
      found.push({ key, looksLike: null });
      return;
    }
    if (typeof child !== 'string') return;
    const match = SENSITIVE_VALUE.find(([pattern]) => pattern.test(child.trim()));
    if (match) found.push({ key, looksLike: match[1] });
  });
  return found;
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

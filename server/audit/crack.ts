// Recovers a cookie-session secret from one signed cookie by trying a wordlist.
//
// cookie-session's `.sig` is keygrip's HMAC-SHA1 of `name=value`, base64url
// without padding. Each guess is one HMAC: tens of thousands take milliseconds,
// which is exactly why a guessable secret protects nothing.
import crypto from 'node:crypto';

export interface CrackTarget {
  name: string;
  value: string;
  sig: string;
}

export interface CrackProgress {
  tried: number;
  total: number;
}

export type CrackResult = { found: true; secret: string; tried: number } | { found: false; tried: number };

/** The `.sig` a key makes; the same bytes keygrip produces, without its per-call setup. */
export function keygripSign(data: string, key: string): string {
  return crypto.createHmac('sha1', key).update(data).digest('base64').replace(/\/|\+|=/g, (c) => ({ '/': '_', '+': '-', '=': '' })[c] ?? '');
}

export interface CrackOptions {
  /** Called every `progressEvery` candidates and at the end. */
  onProgress?: (progress: CrackProgress) => void;
  progressEvery?: number;
}

export function crackSecret(target: CrackTarget, candidates: readonly string[], options: CrackOptions = {}): CrackResult {
  const data = `${target.name}=${target.value}`;
  const expected = Buffer.from(target.sig);
  const every = options.progressEvery ?? 5000;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i] ?? '';
    const actual = Buffer.from(keygripSign(data, candidate));
    if (actual.length === expected.length && crypto.timingSafeEqual(actual, expected)) {
      options.onProgress?.({ tried: i + 1, total: candidates.length });
      return { found: true, secret: candidate, tried: i + 1 };
    }
    if (options.onProgress && (i + 1) % every === 0) options.onProgress({ tried: i + 1, total: candidates.length });
  }
  options.onProgress?.({ tried: candidates.length, total: candidates.length });
  return { found: false, tried: candidates.length };
}

// The Your app tab's keys: the one the user types (main's memory only, for the
// tab's life; never written, never sent back) and the ones the weak-key crack
// finds on the built-in list (those may be shown: they are public).
import type { KeyEncoding, TargetCrackOutcome, TargetCrackProgress, TypedKeyStatus } from '../../contract';
import type { AuditCrackProgress, AuditTarget, CrackReport } from '../../server';
import type { FoundKey } from './target-cookies';

/** A typed key that does not read in the chosen encoding; the message is the sentence to show. */
export class TargetKeyError extends Error {
  override name = 'TargetKeyError';
}

/** The key's bytes, as the app's configuration holds them. */
export function decodeTypedKey(text: string, encoding: KeyEncoding): Uint8Array {
  if (text === '') throw new TargetKeyError('Type the key your app signs its cookies with.');
  if (encoding === 'text') return new Uint8Array(Buffer.from(text, 'utf8'));
  const compact = text.replace(/\s+/g, '');
  if (encoding === 'hex') {
    if (!/^(?:[0-9a-f]{2})+$/i.test(compact)) throw new TargetKeyError('That is not hex: use pairs of the digits 0-9 and a-f, or choose "text".');
    return new Uint8Array(Buffer.from(compact, 'hex'));
  }
  const bytes = Buffer.from(compact, 'base64');
  // Node skips what is not base64; a key that does not come back the same was not base64.
  const canonical = (b64: string) => b64.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (bytes.length === 0 || canonical(bytes.toString('base64')) !== canonical(compact)) throw new TargetKeyError('That is not base64, or choose "text".');
  return new Uint8Array(bytes);
}

/** The key the user typed, held here and only here. */
export interface TypedKey {
  set(text: string, encoding: KeyEncoding): void;
  forget(): void;
  /** The bytes, for a verdict; null when none is set. */
  bytes(): Uint8Array | null;
  status(): TypedKeyStatus;
}

export function createTypedKey(): TypedKey {
  let key: { bytes: Uint8Array; encoding: KeyEncoding } | null = null;
  const forget = (): void => {
    // Overwrite the copy we hold; the string it came from is out of our hands (V8 may have others).
    key?.bytes.fill(0);
    key = null;
  };
  return {
    set(text, encoding) {
      const bytes = decodeTypedKey(text, encoding);
      forget();
      key = { bytes, encoding };
    },
    forget,
    bytes: () => key?.bytes ?? null,
    status: () => (key === null ? { set: false, encoding: null, bytes: 0 } : { set: true, encoding: key.encoding, bytes: key.bytes.length }),
  };
}

/** Runs the engine's crack (crackCookies over the built-in list) with progress and a stop. */
export type CrackRun = (targets: readonly AuditTarget[], onProgress: (progress: AuditCrackProgress) => void, signal: AbortSignal) => Promise<CrackReport>;

/** A second crack while one runs; the message says so. */
export class TargetCrackError extends Error {
  override name = 'TargetCrackError';
}

export interface WeakKeyCracker {
  running(): boolean;
  last(): TargetCrackOutcome | null;
  /** Every key found in this tab's life, each once. */
  found(): readonly FoundKey[];
  crack(targets: readonly AuditTarget[]): Promise<TargetCrackOutcome>;
  stop(): void;
}

const progressOf = (p: AuditCrackProgress): TargetCrackProgress => ({
  tried: p.candidates,
  total: p.total ?? p.candidates,
  keys: p.keys,
  keysPerSecond: Math.round(p.keysPerSecond),
  elapsedMs: Math.round(p.elapsedMs),
  etaMs: p.etaMs === null ? null : Math.round(p.etaMs),
  found: p.found,
});

export function createWeakKeyCracker(run: CrackRun, onProgress: (progress: TargetCrackProgress) => void): WeakKeyCracker {
  const keys: FoundKey[] = [];
  let running: AbortController | null = null;
  let last: TargetCrackOutcome | null = null;
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

  return {
    running: () => running !== null,
    last: () => last,
    found: () => keys,
    async crack(targets) {
      if (running !== null) throw new TargetCrackError('The weak keys are being tried already: wait for it, or stop it.');
      if (targets.length === 0) {
        last = { tried: 0, total: 0, keys: 0, keysPerSecond: 0, elapsedMs: 0, etaMs: null, found: 0, outcome: 'nothing-to-crack', cookies: 0, threads: 0 };
        return last;
      }
      const stop = new AbortController();
      running = stop;
      try {
        const report = await run(targets, (p) => onProgress(progressOf(p)), stop.signal);
        for (const hit of report.found) {
          if (keys.some((k) => hex(k.key) === hex(hit.key) && k.variant === hit.variant)) continue;
          keys.push({ candidate: hit.candidate, form: hit.form, key: hit.key, variant: hit.variant, position: hit.position });
        }
        last = {
          tried: report.candidates,
          total: report.total ?? report.candidates,
          keys: report.keys,
          keysPerSecond: Math.round(report.keysPerSecond),
          elapsedMs: Math.round(report.elapsedMs),
          etaMs: null,
          found: report.found.length,
          outcome: report.outcome === 'aborted' ? 'stopped' : report.outcome,
          cookies: targets.length,
          threads: report.threads,
        };
        return last;
      } finally {
        running = null;
      }
    },
    stop: () => running?.abort(),
  };
}

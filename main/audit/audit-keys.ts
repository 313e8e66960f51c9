// The keys of a tab that checks cookies (Your app, the Decoder): the one the
// user types (main's memory only, for the tab's life; never written, never sent
// back) and the ones a crack finds on a list (those may be shown: they are on
// the built-in public list, or in the person's own file).
import type { KeyEncoding, TargetCrackOutcome, TargetCrackProgress, TypedKeyStatus } from '../../contract';
import type { AuditCrackProgress, AuditTarget, CandidateSource, CrackReport } from '../../server';
import type { FoundKey } from './cookie-views';

/** A typed key that does not read in the chosen encoding; the message is the sentence to show. */
export class TypedKeyError extends Error {
  override name = 'TypedKeyError';
}

/** The key's bytes, as the app's configuration holds them. */
export function decodeTypedKey(text: string, encoding: KeyEncoding): Uint8Array {
  if (text === '') throw new TypedKeyError('Type the key the cookies are signed with.');
  if (encoding === 'text') return new Uint8Array(Buffer.from(text, 'utf8'));
  const compact = text.replace(/\s+/g, '');
  if (encoding === 'hex') {
    if (!/^(?:[0-9a-f]{2})+$/i.test(compact)) throw new TypedKeyError('That is not hex: use pairs of the digits 0-9 and a-f, or choose "text".');
    return new Uint8Array(Buffer.from(compact, 'hex'));
  }
  const bytes = Buffer.from(compact, 'base64');
  // Node skips what is not base64; a key that does not come back the same was not base64.
  const canonical = (b64: string) => b64.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (bytes.length === 0 || canonical(bytes.toString('base64')) !== canonical(compact)) throw new TypedKeyError('That is not base64, or choose "text".');
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

/** A tab's setKey and forgetKey: change the typed key, then answer with the tab's reading (each cookie's verdict). */
export function typedKeyVerbs<Reading>(key: TypedKey, read: () => Promise<Reading>) {
  return {
    async setKey(text: string, encoding: KeyEncoding): Promise<Reading> {
      key.set(text, encoding);
      return read();
    },
    async forgetKey(): Promise<Reading> {
      key.forget();
      return read();
    },
  };
}

/** Runs the engine's crack (crackCookies over `source`: the built-in list unless said) with progress and a stop. */
export type CrackRun = (
  targets: readonly AuditTarget[],
  onProgress: (progress: AuditCrackProgress) => void,
  signal: AbortSignal,
  source: CandidateSource,
) => Promise<CrackReport>;

export const BUILT_IN_LIST: CandidateSource = { kind: 'built-in' };

/** A second crack while one runs; the message says so. */
export class CrackBusyError extends Error {
  override name = 'CrackBusyError';
}

export interface WeakKeyCracker {
  running(): boolean;
  last(): TargetCrackOutcome | null;
  /** Every key found in this tab's life, each once. */
  found(): readonly FoundKey[];
  crack(targets: readonly AuditTarget[], source?: CandidateSource): Promise<TargetCrackOutcome>;
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

/** `onProgress` gets the window's figures, and the engine's own (a wordlist file's bytes read) for a tab that shows more. */
export function createWeakKeyCracker(run: CrackRun, onProgress: (progress: TargetCrackProgress, raw: AuditCrackProgress) => void): WeakKeyCracker {
  const keys: FoundKey[] = [];
  let running: AbortController | null = null;
  let last: TargetCrackOutcome | null = null;
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

  return {
    running: () => running !== null,
    last: () => last,
    found: () => keys,
    async crack(targets, source = BUILT_IN_LIST) {
      if (running !== null) throw new CrackBusyError('Keys are being tried already: wait for the crack to end, or stop it.');
      if (targets.length === 0) {
        last = { tried: 0, total: 0, keys: 0, keysPerSecond: 0, elapsedMs: 0, etaMs: null, found: 0, outcome: 'nothing-to-crack', cookies: 0, threads: 0 };
        return last;
      }
      const stop = new AbortController();
      running = stop;
      try {
        const report = await run(targets, (p) => onProgress(progressOf(p), p), stop.signal, source);
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

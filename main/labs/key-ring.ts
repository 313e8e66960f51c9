// The lab's signing keys as a value: stored, an insecure weak-key demo, or rotated.
//
// Every change is a new ring (nothing is mutated) and lives in memory only: the
// stored keys (key file or SESSION_SECRET) are never rewritten, so quitting or
// restoring returns to exactly what was loaded. The views handed to the window
// say what each key is, never what it holds.
import type { ExperimentsState, KeyRingEntryView, KeyRingMode, WeakKeyChoice } from '../../contract';

export interface KeyRingEntry extends KeyRingEntryView {
  key: string;
}

export interface KeyRing {
  mode: KeyRingMode;
  /** Newest first: the first signs, every one verifies. */
  entries: readonly KeyRingEntry[];
}

/** A key-ring change that does not apply now; the window shows its message. */
export class KeyRingError extends Error {
  override name = 'KeyRingError';
}

/**
 * The demo's weak keys. Each is on the built-in wordlist and refused by the
 * normal start (test/main/key-ring.test.ts checks both). Deliberately public.
 */
export const WEAK_DEMO_KEYS: Readonly<Record<WeakKeyChoice, string>> = {
  // The Flask tutorial's own app.secret_key: an attacker's first guess.
  tutorial: 'your_very_secret_key',
  // express-session's documentation example, copied into countless apps.
  framework: 'keyboard cat',
  // A common password from zxcvbn-ts's list, about 40,000 guesses in.
  password: 'legends1',
};

/** More keys than this in the lab is not rotation any more, just clutter. */
export const MAX_RING_KEYS = 4;

export function storedRing(keys: readonly string[]): KeyRing {
  if (keys.length === 0) throw new KeyRingError('A key ring needs at least one key.');
  return {
    mode: 'stored',
    entries: keys.map((key, i) => ({ key, kind: 'stored', label: keys.length === 1 ? 'Stored key' : `Stored key ${i + 1} of ${keys.length}` })),
  };
}

export function ringKeys(ring: KeyRing): string[] {
  return ring.entries.map((e) => e.key);
}

/** INSECURE DEMO: the weak key alone signs and verifies. Not from the middle of a rotation. */
export function weakDemoRing(current: KeyRing, choice: WeakKeyChoice): KeyRing {
  if (current.mode === 'rotated') throw new KeyRingError('The key rotation experiment is using the keys: restore the stored key first.');
  return { mode: 'weak-demo', entries: [{ key: WEAK_DEMO_KEYS[choice], kind: 'weak-demo', label: 'Weak demo key from a public list (INSECURE)' }] };
}

/** Rotation step 1: `key` goes first and signs; the others keep verifying. */
export function withNewKey(current: KeyRing, key: string): KeyRing {
  if (current.mode === 'weak-demo') throw new KeyRingError('The weak-key demo is running: restore the stored key before rotating.');
  if (current.entries.length >= MAX_RING_KEYS) throw new KeyRingError(`The ring already holds ${MAX_RING_KEYS} keys: drop the older ones first.`);
  const added = current.entries.filter((e) => e.kind === 'added').length + 1;
  return { mode: 'rotated', entries: [{ key, kind: 'added', label: `New key ${added} (added in the lab)` }, ...current.entries] };
}

/** Rotation step 2: only the newest key is left. */
export function withoutOlderKeys(current: KeyRing): KeyRing {
  const [newest] = current.entries;
  if (newest === undefined || current.entries.length === 1) throw new KeyRingError('There is only one key: there is no older key to drop.');
  return { mode: 'rotated', entries: [newest] };
}

/** Back to the stored keys; refused when they are already in use (nothing to restore). */
export function restoredRing(current: KeyRing, stored: KeyRing): KeyRing {
  if (current.mode === 'stored') throw new KeyRingError('The server already uses the stored key.');
  return stored;
}

export function ringView(ring: KeyRing): Pick<ExperimentsState, 'mode' | 'keys'> {
  return { mode: ring.mode, keys: ring.entries.map(({ kind, label }) => ({ kind, label })) };
}

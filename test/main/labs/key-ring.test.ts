import { describe, expect, it } from 'vitest';
import { WEAK_KEY_CHOICES } from '../../../contract';
import {
  KeyRingError,
  MAX_RING_KEYS,
  restoredRing,
  ringKeys,
  ringView,
  storedRing,
  WEAK_DEMO_KEYS,
  weakDemoRing,
  withNewKey,
  withoutOlderKeys,
} from '../../../main/labs/key-ring';
import { builtInWordlist } from '../../../server/audit/wordlist';
import { secretWeakness } from '../../../server/secrets/secret-strength';
import { strongKey } from '../../support/test-keys';

describe('the weak demo keys', () => {
  it.each(WEAK_KEY_CHOICES)('%s is on the built-in wordlist and refused by the normal start', (choice) => {
    const key = WEAK_DEMO_KEYS[choice];
    expect(builtInWordlist()).toContain(key);
    expect(secretWeakness(key)).not.toBeNull();
  });

  it('the tutorial key is the first guess, the common password one far down the list', () => {
    const list = builtInWordlist();
    expect(list.indexOf(WEAK_DEMO_KEYS.tutorial)).toBe(0);
    expect(list.indexOf(WEAK_DEMO_KEYS.password)).toBeGreaterThan(list.length / 2);
  });
});

describe('the key ring', () => {
  const [old, fresh, fresher] = [strongKey(), strongKey(), strongKey()];

  it('starts as the stored keys, newest first', () => {
    const ring = storedRing([old, fresh]);
    expect(ring.mode).toBe('stored');
    expect(ringKeys(ring)).toEqual([old, fresh]);
    expect(() => storedRing([])).toThrow(KeyRingError);
  });

  it('rotation: a new key goes first and signs, the old one still verifies, then only the new one is left', () => {
    const added = withNewKey(storedRing([old]), fresh);
    expect(added.mode).toBe('rotated');
    expect(ringKeys(added)).toEqual([fresh, old]);
    expect(ringView(added).keys).toEqual([
      { kind: 'added', label: 'New key 1 (added in the lab)' },
      { kind: 'stored', label: 'Stored key' },
    ]);
    const again = withNewKey(added, fresher);
    expect(ringView(again).keys[0]!.label).toBe('New key 2 (added in the lab)');
    expect(ringKeys(withoutOlderKeys(again))).toEqual([fresher]);
  });

  it('dropping older keys needs an older key', () => {
    expect(() => withoutOlderKeys(storedRing([old]))).toThrow('There is only one key: there is no older key to drop.');
  });

  it(`holds at most ${MAX_RING_KEYS} keys`, () => {
    let ring = storedRing([old]);
    for (let i = 1; i < MAX_RING_KEYS; i++) ring = withNewKey(ring, strongKey());
    expect(() => withNewKey(ring, strongKey())).toThrow(`The ring already holds ${MAX_RING_KEYS} keys`);
  });

  it('the weak demo replaces the keys, and refuses to interrupt a rotation', () => {
    const demo = weakDemoRing(storedRing([old]), 'tutorial');
    expect(demo.mode).toBe('weak-demo');
    expect(ringKeys(demo)).toEqual(['your_very_secret_key']);
    expect(ringView(demo).keys).toEqual([{ kind: 'weak-demo', label: 'Weak demo key from a public list (INSECURE)' }]);
    expect(ringKeys(weakDemoRing(demo, 'password'))).toEqual(['legends1']);
    expect(() => weakDemoRing(withNewKey(storedRing([old]), fresh), 'tutorial')).toThrow(/restore the stored key first/);
    expect(() => withNewKey(demo, fresh)).toThrow(/weak-key demo is running/);
  });

  it('restoring returns exactly the stored ring, and is refused when nothing changed', () => {
    const stored = storedRing([old]);
    expect(restoredRing(weakDemoRing(stored, 'framework'), stored)).toBe(stored);
    expect(() => restoredRing(stored, stored)).toThrow('The server already uses the stored key.');
  });

  it('the view tells what each key is, never the key', () => {
    const ring = withNewKey(storedRing([old]), fresh);
    const view = JSON.stringify(ringView(ring));
    for (const key of ringKeys(ring)) expect(view).not.toContain(key);
    expect(JSON.stringify(ringView(weakDemoRing(storedRing([old]), 'tutorial')))).not.toContain('your_very_secret_key');
  });
});

import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TargetCrackProgress } from '../../../contract';
import {
  CrackBusyError,
  createTypedKey,
  createWeakKeyCracker,
  decodeTypedKey,
  TypedKeyError,
  type CrackRun,
  type WeakKeyCracker,
} from '../../../main/audit/audit-keys';
import { crackCookies } from '../../../server/audit/crack/crack-pool';
import { signNew } from '../../../server/audit/session-auditor';
import type { AuditTarget } from '../../../server/audit/formats/format';

// The built worker (npm test builds before vitest).
const workerPath = path.resolve('dist/server/audit/crack-worker.js');
const run: CrackRun = (targets, onProgress, signal) => crackCookies(targets, { kind: 'built-in' }, { threads: 1, signal, onProgress, workerPath });
const flask = (secret: string): AuditTarget => ({
  format: 'flask',
  name: 'session',
  value: signNew('flask', { name: 'session', payload: '{"username":"alice"}', secret: Buffer.from(secret) }).cookies[0]!.value,
});

describe('the key the user types', () => {
  it('reads as text, hex or base64', () => {
    expect(Buffer.from(decodeTypedKey('your_very_secret_key', 'text')).toString()).toBe('your_very_secret_key');
    expect(Buffer.from(decodeTypedKey('00ff 10aa', 'hex')).toString('hex')).toBe('00ff10aa');
    expect(Buffer.from(decodeTypedKey('AP8Qqg==', 'base64')).toString('hex')).toBe('00ff10aa');
    expect(Buffer.from(decodeTypedKey('AP8Qqg', 'base64')).toString('hex')).toBe('00ff10aa');
  });

  it('that does not read in its encoding gets a sentence', () => {
    expect(() => decodeTypedKey('', 'text')).toThrow(new TypedKeyError('Type the key the cookies are signed with.'));
    expect(() => decodeTypedKey('xyz', 'hex')).toThrow(/That is not hex/);
    expect(() => decodeTypedKey('abc', 'hex')).toThrow(/That is not hex/);
    expect(() => decodeTypedKey('not base64!', 'base64')).toThrow(/That is not base64/);
  });

  it('is held as bytes; its status says only that there is one, how it was written and how long', () => {
    const key = createTypedKey();
    expect(key.status()).toEqual({ set: false, encoding: null, bytes: 0 });
    key.set('your_very_secret_key', 'text');
    expect(key.status()).toEqual({ set: true, encoding: 'text', bytes: 20 });
    expect(JSON.stringify(key.status())).not.toContain('your_very');
    const held = key.bytes()!;
    key.forget();
    expect(key.bytes()).toBeNull();
    // The copy it held is overwritten, not just dropped.
    expect([...held].every((b) => b === 0)).toBe(true);
  });

  it('a bad key leaves the one set before in place', () => {
    const key = createTypedKey();
    key.set('abcd', 'hex');
    expect(() => key.set('zz', 'hex')).toThrow(TypedKeyError);
    expect(key.status()).toEqual({ set: true, encoding: 'hex', bytes: 2 });
  });
});

describe('trying the known weak keys', () => {
  it("finds the Flask tutorial's key, with progress, and keeps it for the tab", async () => {
    const progress: TargetCrackProgress[] = [];
    const cracker = createWeakKeyCracker(run, (p) => progress.push(p));
    const outcome = await cracker.crack([flask('your_very_secret_key')]);
    expect(outcome).toMatchObject({ outcome: 'all-found', found: 1, cookies: 1, threads: 1 });
    expect(outcome.total).toBeGreaterThan(100_000);
    expect(progress.at(-1)).toMatchObject({ found: 1 });
    expect(cracker.found().map((k) => [Buffer.from(k.candidate).toString(), k.form])).toEqual([['your_very_secret_key', 'raw']]);
    expect(cracker.last()).toEqual(outcome);
    expect(cracker.running()).toBe(false);
  });

  it('a strong key is not on the list: the whole list is tried', async () => {
    const cracker = createWeakKeyCracker(run, () => undefined);
    const outcome = await cracker.crack([flask('a4c9e1f0b7d2e3a8c6f5b4a3d2e1f0c9')]);
    expect(outcome).toMatchObject({ outcome: 'exhausted', found: 0 });
    expect(outcome.tried).toBe(outcome.total);
    expect(cracker.found()).toEqual([]);
  });

  it('Stop ends the run, and a second run while one is going is refused', async () => {
    // Small batches: progress comes early, and the person presses Stop at the first.
    const cracker: WeakKeyCracker = createWeakKeyCracker(
      (t, onProgress, signal) => crackCookies(t, { kind: 'built-in' }, { threads: 1, signal, onProgress, workerPath, batchSize: 500 }),
      (p) => {
        if (p.tried > 0) cracker.stop();
      },
    );
    const running = cracker.crack([flask('a4c9e1f0b7d2e3a8c6f5b4a3d2e1f0c9')]);
    await expect(cracker.crack([flask('x')])).rejects.toThrow(CrackBusyError);
    const outcome = await running;
    expect(outcome.outcome).toBe('stopped');
    expect(outcome.tried).toBeLessThan(outcome.total);
  });

  it('with no signed cookie there is nothing to crack', async () => {
    const spy = vi.fn(run);
    expect(await createWeakKeyCracker(spy, () => undefined).crack([])).toMatchObject({ outcome: 'nothing-to-crack', cookies: 0 });
    expect(spy).not.toHaveBeenCalled();
  });
});

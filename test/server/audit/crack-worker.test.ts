// The crack worker: its message protocol, the job it runs, and the real thread
// (dist/server/audit/crack-worker.js, which npm test builds first).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrackError, crackInWorker } from '../../../server/audit/crack-in-worker';
import { isCrackJob, isCrackWorkerMessage, runCrackJob, type CrackJobProgress, type CrackWorkerMessage } from '../../../server/audit/crack-job';
import { builtInWordlist } from '../../../server/audit/wordlist';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';
import { strongKey } from '../../support/test-keys';

const WORKER = path.resolve('dist/server/audit/crack-worker.js');

function job(secret: string) {
  const value = encodeSessionValue({ username: 'bob' });
  return { name: 'lab_session', value, sig: signSessionValue('lab_session', value, secret) };
}

function run(input: unknown, clock?: () => number): CrackWorkerMessage[] {
  const messages: CrackWorkerMessage[] = [];
  runCrackJob(input, (m) => messages.push(m), clock);
  return messages;
}

describe('the crack job', () => {
  it('posts progress as it goes, then one answer with the key, the attempts and the time spent', () => {
    let now = 0;
    const messages = run({ ...job('monkey'), candidates: ['a', 'b', 'c', 'd', 'monkey', 'e'], progressEvery: 2 }, () => (now += 1.5));
    expect(messages).toEqual([
      { type: 'progress', tried: 2, total: 6, elapsedMs: 1.5 },
      { type: 'progress', tried: 4, total: 6, elapsedMs: 3 },
      { type: 'progress', tried: 5, total: 6, elapsedMs: 4.5 },
      { type: 'done', found: true, secret: 'monkey', tried: 5, total: 6, elapsedMs: 6 },
    ]);
    for (const m of messages) expect(isCrackWorkerMessage(m)).toBe(true);
  });

  it('without a list it tries the built-in one; a strong key is not found after all of it', () => {
    const messages = run(job(strongKey()));
    const total = builtInWordlist().length;
    expect(messages.at(-1)).toMatchObject({ type: 'done', found: false, secret: null, tried: total, total });
    expect(messages.filter((m) => m.type === 'progress').length).toBeGreaterThan(40);
  });

  it.each([
    ['nothing', undefined],
    ['no signature', { name: 'lab_session', value: 'e30=' }],
    ['an empty name', { ...job('x'), name: '' }],
    ['a zero progress step', { ...job('x'), progressEvery: 0 }],
    ['a list of non-text', { ...job('x'), candidates: [1, 2] }],
    ['a huge value', { ...job('x'), value: 'x'.repeat(5000) }],
  ])('a malformed job (%s) gets one error message', (_what, input) => {
    expect(isCrackJob(input)).toBe(false);
    expect(run(input)).toEqual([{ type: 'error', message: 'The crack job is malformed: it needs a cookie name, value and signature.' }]);
  });

  it.each([
    [{ type: 'progress', tried: 1, total: 2, elapsedMs: 0 }, true],
    [{ type: 'done', found: false, secret: null, tried: 2, total: 2, elapsedMs: 3 }, true],
    [{ type: 'done', found: true, secret: 'k', tried: 2, total: 2, elapsedMs: 3 }, true],
    [{ type: 'error', message: 'x' }, true],
    [{ type: 'done', found: true, secret: null, tried: 2, total: 2, elapsedMs: 3 }, false],
    [{ type: 'done', found: false, secret: 'k', tried: 2, total: 2, elapsedMs: 3 }, false],
    [{ type: 'progress', tried: 3, total: 2, elapsedMs: 0 }, false],
    [{ type: 'progress', tried: 1, total: 2, elapsedMs: -1 }, false],
    [{ type: 'progress', tried: '1', total: 2, elapsedMs: 0 }, false],
    [{ type: 'exec', code: 'rm -rf /' }, false],
    ['done', false],
    [null, false],
  ])('the parent accepts %j from the worker: %s', (message, ok) => {
    expect(isCrackWorkerMessage(message)).toBe(ok);
  });
});

describe('cracking in a worker thread', () => {
  beforeAll(() => {
    if (!fs.existsSync(WORKER)) throw new Error(`The crack worker is not built at ${WORKER}: run "node scripts/build.mjs" first (npm test does).`);
  });

  it('finds a tutorial key at the first guess and reports it', async () => {
    const progress: CrackJobProgress[] = [];
    const done = await crackInWorker(job('your_very_secret_key'), { workerPath: WORKER, onProgress: (p) => progress.push(p) });
    expect(done).toMatchObject({ found: true, secret: 'your_very_secret_key', tried: 1 });
    expect(done.total).toBe(builtInWordlist().length);
    expect(progress).toEqual([{ tried: 1, total: done.total, elapsedMs: expect.any(Number) }]);
  });

  it('tries every candidate of a strong key, and the caller’s thread stays free meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const progress: CrackJobProgress[] = [];
    try {
      const done = await crackInWorker(job(strongKey()), { workerPath: WORKER, onProgress: (p) => progress.push(p) });
      expect(done).toMatchObject({ found: false, secret: null });
      expect(done.tried).toBe(done.total);
      expect(done.elapsedMs).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    expect(progress.at(-1)!.tried).toBe(progress.at(-1)!.total);
    // A crack on this thread would have blocked the timer for its whole run, and
    // resolved before it ever fired. (How fast it is belongs in `npm run bench`.)
    expect(ticks).toBeGreaterThan(0);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const running = crackInWorker(job(strongKey()), { workerPath: WORKER, signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toThrow(new CrackError('The crack was cancelled.'));
  });

  it('a malformed job comes back as an error, not a hang', async () => {
    await expect(crackInWorker({ name: '', value: 'e30=', sig: 'x' }, { workerPath: WORKER })).rejects.toThrow('The crack job is malformed');
  });

  it('a worker that cannot start is an error with the reason', async () => {
    await expect(crackInWorker(job('x'), { workerPath: path.resolve('dist/server/audit/no-such-worker.js') })).rejects.toThrow(/^The crack worker failed: /);
  });
});

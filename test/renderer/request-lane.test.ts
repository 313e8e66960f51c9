// The window's one way to run requests: in order, one at a time; a reset drops
// answers still on their way; a reader's calls join one that has not started.
import { describe, expect, it } from 'vitest';
import { createLane } from '../../renderer/request-lane';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('a request lane', () => {
  it('starts a request only after the one before it answered, and paints each in order', async () => {
    const lane = createLane();
    const first = deferred<string>();
    const painted: string[] = [];
    let secondStarted = false;
    const a = lane.run(() => first.promise, { paint: (x) => painted.push(x) });
    const b = lane.run(
      async () => {
        secondStarted = true;
        return 'second';
      },
      { paint: (x) => painted.push(x) },
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(secondStarted).toBe(false);
    first.resolve('first');
    await Promise.all([a, b]);
    expect(painted).toEqual(['first', 'second']);
  });

  it('after a reset, an answer in flight and a request still waiting never paint', async () => {
    const lane = createLane();
    const slow = deferred<string>();
    const painted: string[] = [];
    const failed: unknown[] = [];
    let waitingStarted = false;
    let inFlight = false;
    const a = lane.run(() => ((inFlight = true), slow.promise), { paint: (x) => painted.push(x), fail: (e) => failed.push(e) });
    await new Promise((r) => setTimeout(r, 0));
    expect(inFlight).toBe(true);
    const b = lane.run(async () => ((waitingStarted = true), 'waiting'), { paint: (x) => painted.push(x) });
    lane.reset();
    const c = lane.run(async () => 'after', { paint: (x) => painted.push(x) });
    slow.reject(new Error('too late'));
    await Promise.all([a, b, c]);
    expect(painted).toEqual(['after']);
    expect(failed).toEqual([]);
    expect(waitingStarted).toBe(false);
  });

  it('a refusal goes to fail, and the lane goes on', async () => {
    const lane = createLane();
    const seen: string[] = [];
    void lane.run(() => Promise.reject(new Error('no')), { fail: (e) => seen.push((e as Error).message) });
    await lane.run(async () => 'yes', { paint: (x) => seen.push(x) });
    expect(seen).toEqual(['no', 'yes']);
  });

  it('reader calls made while one waits to start share it: one more reading, not one per call', async () => {
    const lane = createLane();
    const busy = deferred<void>();
    void lane.run(() => busy.promise);
    let reads = 0;
    const read = lane.reader(async () => ++reads, {});
    const calls = [read(), read(), read()];
    busy.resolve();
    await Promise.all(calls);
    expect(reads).toBe(1);
    await read();
    expect(reads).toBe(2);
  });

  it('a reader skipped by a reset runs again on the next call', async () => {
    const lane = createLane();
    const busy = deferred<void>();
    void lane.run(() => busy.promise);
    let reads = 0;
    const read = lane.reader(async () => ++reads);
    const skipped = read();
    lane.reset();
    busy.resolve();
    await skipped;
    expect(reads).toBe(0);
    await read();
    expect(reads).toBe(1);
  });
});

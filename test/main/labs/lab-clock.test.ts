import { describe, expect, it } from 'vitest';
import { createLabClock, MAX_CLOCK_OFFSET_MS } from '../../../main/labs/lab-clock';
import { createRecentLines } from '../../../main/labs/recent-lines';

describe('the lab clock', () => {
  it('runs with real time, offset forward by advance, and back to real time on reset', () => {
    let real = 1_000_000;
    const clock = createLabClock(() => real);
    expect(clock.now()).toBe(1_000_000);
    clock.advance(960_000);
    real += 5;
    expect(clock.now()).toBe(1_960_005);
    expect(clock.offsetMs).toBe(960_000);
    clock.reset();
    expect(clock.now()).toBe(1_000_005);
  });

  it('only moves forward, and not past a month', () => {
    const clock = createLabClock(() => 0);
    expect(() => clock.advance(0)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    clock.advance(MAX_CLOCK_OFFSET_MS);
    expect(() => clock.advance(1)).toThrow(/a month ahead/);
    expect(clock.offsetMs).toBe(MAX_CLOCK_OFFSET_MS);
  });
});

describe('recent lines', () => {
  it('keeps the last few, oldest first, and hands out copies', () => {
    const log = createRecentLines(2);
    for (const line of ['a', 'b', 'c']) log.add(line);
    const lines = log.lines();
    expect(lines).toEqual(['b', 'c']);
    lines.push('x');
    expect(log.lines()).toEqual(['b', 'c']);
  });
});

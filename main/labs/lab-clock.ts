// LAB ONLY: the clock the server's expiry check reads, which Lab II can fast-forward.
//
// Waiting fifteen real minutes to watch an idle timeout is no lesson, so the lab
// server is given `now = real time + offset`. Only the expiry check reads it
// (cookie lifetimes and everything else use real time), the offset lives in
// memory, starts at 0 and only ever moves forward until it is reset. A real
// deployment passes no clock at all (Date.now).

/** The offset never passes this: a month ahead is plenty for any timeout the lab shows. */
export const MAX_CLOCK_OFFSET_MS = 31 * 24 * 60 * 60 * 1000;

export interface LabClock {
  /** Milliseconds since the epoch, `offsetMs` ahead of real time. */
  now(): number;
  readonly offsetMs: number;
  /** Moves the clock forward; refuses to go past MAX_CLOCK_OFFSET_MS ahead. */
  advance(ms: number): void;
  /** Back to real time. */
  reset(): void;
}

export function createLabClock(realNow: () => number = Date.now): LabClock {
  let offset = 0;
  return {
    now: () => realNow() + offset,
    get offsetMs() {
      return offset;
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`The lab clock only moves forward, not by ${ms} ms.`);
      if (offset + ms > MAX_CLOCK_OFFSET_MS) throw new RangeError('The lab clock is already a month ahead: turn expiry off to reset it.');
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}

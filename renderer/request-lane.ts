// The window's one way to run a request: requests run one at a time, in order,
// and an answer paints only while it is still the latest word. A reset (another
// user, a closed editor, an unmounted panel) drops what is queued or in flight.
import { useEffect, useMemo } from 'preact/hooks';

export interface Handlers<T> {
  /** Shows the answer. */
  paint?(answer: T): void;
  /** Shows the refusal; without it a failed request has nobody to tell. */
  fail?(err: unknown): void;
}

export interface Lane {
  /**
   * Runs `request` after every request queued before it, then hands its answer
   * to `paint` (or its error to `fail`), unless the lane was reset since `run`
   * was called: then a request still waiting never starts and an answer in
   * flight is dropped. Settles once the handler has run; never rejects.
   */
  run<T>(request: () => Promise<T>, handlers?: Handlers<T>): Promise<void>;
  /**
   * A read where only the newest answer matters: a call made while an earlier
   * call of this reader still waits to start joins it instead of queueing another.
   */
  reader<T>(request: () => Promise<T>, handlers?: Handlers<T>): () => Promise<void>;
  reset(): void;
}

export function createLane(): Lane {
  let tail: Promise<void> = Promise.resolve();
  let epoch = 0;

  const run = <T>(request: () => Promise<T>, handlers: Handlers<T> = {}): Promise<void> => {
    const at = epoch;
    const current = () => at === epoch;
    const done = tail.then(async () => {
      if (!current()) return;
      let answer: T;
      try {
        answer = await request();
      } catch (err) {
        if (current()) handlers.fail?.(err);
        return;
      }
      if (current()) handlers.paint?.(answer);
    });
    // A handler that throws is a bug to surface, not a reason to stop the lane.
    tail = done.catch(() => undefined);
    return done;
  };

  const reader = <T>(request: () => Promise<T>, handlers?: Handlers<T>): (() => Promise<void>) => {
    let waiting: Promise<void> | null = null;
    return () => {
      if (waiting) return waiting;
      const next = run(() => {
        waiting = null;
        return request();
      }, handlers);
      waiting = next;
      // Skipped by a reset, it never started: the next call must not join it.
      void next
        .finally(() => {
          if (waiting === next) waiting = null;
        })
        .catch(() => undefined);
      return next;
    };
  };

  return {
    run,
    reader,
    reset() {
      epoch += 1;
    },
  };
}

/** A lane for one component; unmounting it drops the answers still on their way. */
export function useLane(): Lane {
  const lane = useMemo(createLane, []);
  useEffect(() => () => lane.reset(), [lane]);
  return lane;
}

// Runs async tasks one at a time, in the order they were queued.

export interface SerialQueue {
  /** Runs `task` after every task queued before it has settled; resolves or rejects with it. */
  run<T>(task: () => T | Promise<T>): Promise<T>;
  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void>;
}

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => T | Promise<T>): Promise<T> {
      const result = tail.then(task);
      // One task failing must not stop the ones behind it.
      tail = result.catch(() => undefined);
      return result;
    },
    idle: () => tail.then(() => undefined),
  };
}

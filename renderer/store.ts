// The window's one way to hold state: a store keeps a value and says when it
// changes; components read it with useStore, request handlers with get().
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(value: T): void;
  update(change: (value: T) => T): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const set = (next: T): void => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set,
    update: (change) => set(change(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store's value; the component renders again whenever it changes. */
export function useStore<T>(store: Store<T>): T {
  const value = store.get();
  const [, setTick] = useState(0);
  useLayoutEffect(() => {
    const changed = () => setTick((n) => n + 1);
    const stop = store.subscribe(changed);
    // It may have changed between this render and the subscription.
    if (!Object.is(store.get(), value)) changed();
    return stop;
  }, [store]);
  return value;
}

/** A store that belongs to one component (its request handlers read it after awaits, where a render's copy would be stale). */
export function useLocalStore<T>(initial: () => T): [T, Store<T>] {
  const store = useMemo(() => createStore(initial()), []);
  return [useStore(store), store];
}

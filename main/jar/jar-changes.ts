// Groups Electron's raw cookie `changed` events into the change log's entries.
//
// Chromium reports an overwrite as two events: the old cookie removed with cause
// 'overwrite', then the new one inserted. The lab shows that pair as one
// 'updated' change carrying both values.
import type { JarChange } from '../../contract';

/** One `changed` event as Electron emits it, stamped with when it arrived. */
export interface RawCookieChange {
  time: number;
  name: string;
  domain: string;
  path: string;
  value: string;
  cause: string;
  removed: boolean;
}

// Newer Chromium reports an insert that replaced an equal (or equal-valued)
// cookie with these causes, sometimes without a removal before it.
const SAME_VALUE_OVERWRITES = new Set(['inserted-no-change-overwrite', 'inserted-no-value-change-overwrite']);

function identity(change: RawCookieChange): string {
  return JSON.stringify([change.name, change.domain.replace(/^\./, ''), change.path]);
}

/** Folds raw events, in order, into jar changes; an overwrite pair becomes one 'updated'. */
export function groupJarChanges(events: readonly RawCookieChange[]): JarChange[] {
  const out: JarChange[] = [];
  // Index in `out` of an overwrite removal still waiting for its insertion.
  const waiting = new Map<string, number>();

  for (const event of events) {
    const key = identity(event);
    if (event.removed) {
      out.push({ time: event.time, name: event.name, domain: event.domain, kind: 'removed', cause: event.cause, value: null, previousValue: event.value });
      if (event.cause === 'overwrite') waiting.set(key, out.length - 1);
      continue;
    }
    const at = waiting.get(key);
    if (at !== undefined) {
      waiting.delete(key);
      const removal = out[at]!;
      out[at] = {
        time: event.time,
        name: event.name,
        domain: event.domain,
        kind: 'updated',
        // The specific insert cause says more ("only attributes changed") than 'overwrite'.
        cause: SAME_VALUE_OVERWRITES.has(event.cause) ? event.cause : 'overwrite',
        value: event.value,
        previousValue: removal.previousValue,
      };
    } else if (SAME_VALUE_OVERWRITES.has(event.cause)) {
      // By definition the value did not change, so the previous value is known.
      out.push({
        time: event.time,
        name: event.name,
        domain: event.domain,
        kind: 'updated',
        cause: event.cause,
        value: event.value,
        previousValue: event.value,
      });
    } else {
      out.push({ time: event.time, name: event.name, domain: event.domain, kind: 'added', cause: event.cause, value: event.value, previousValue: null });
    }
  }
  return out;
}

/** An overwrite removal at the end of a batch: its insertion is probably still in flight. */
function endsMidOverwrite(events: readonly RawCookieChange[]): boolean {
  const last = events.at(-1);
  return last !== undefined && last.removed && last.cause === 'overwrite';
}

export interface ChangeBatcher {
  add(change: RawCookieChange): void;
  /** Drops pending events and timers (on unsubscribe). */
  dispose(): void;
}

/**
 * Collects raw events for `delayMs` and emits them grouped. The two halves of an
 * overwrite arrive as separate messages, so a batch that ends on a removal waits
 * one more round for its insertion instead of splitting the pair.
 */
export function createChangeBatcher(emit: (changes: JarChange[]) => void, delayMs = 30): ChangeBatcher {
  let pending: RawCookieChange[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let heldOnce = false;

  const flush = () => {
    timer = null;
    if (endsMidOverwrite(pending) && !heldOnce) {
      heldOnce = true;
      timer = setTimeout(flush, delayMs);
      return;
    }
    heldOnce = false;
    const batch = pending;
    pending = [];
    const changes = groupJarChanges(batch);
    if (changes.length > 0) emit(changes);
  };

  return {
    add(change) {
      pending.push(change);
      timer ??= setTimeout(flush, delayMs);
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = [];
    },
  };
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JarChange } from '../../../contract';
import { createChangeBatcher, groupJarChanges, type RawCookieChange } from '../../../main/jar/jar-changes';

const loggedOut = 'eyJ2aXNpdHMiOjF9'; // {"visits":1}
const loggedIn = 'eyJ2aXNpdHMiOjEsInVzZXJuYW1lIjoiYWRhIn0='; // {"visits":1,"username":"ada"}

function raw(fields: Partial<RawCookieChange> & Pick<RawCookieChange, 'cause' | 'removed'>): RawCookieChange {
  return { time: 1000, name: 'lab_session', domain: '127.0.0.1', path: '/', value: '', ...fields };
}

// The events Chromium emits when the server rewrites the session cookie on login.
const loginOverwrite = [
  raw({ time: 1000, value: loggedOut, cause: 'overwrite', removed: true }),
  raw({ time: 1001, value: loggedIn, cause: 'inserted', removed: false }),
];

describe('grouping cookie change events', () => {
  it('an overwrite (removal then insertion) is one update with both values', () => {
    expect(groupJarChanges(loginOverwrite)).toEqual<JarChange[]>([
      { time: 1001, name: 'lab_session', domain: '127.0.0.1', kind: 'updated', cause: 'overwrite', value: loggedIn, previousValue: loggedOut },
    ]);
  });

  it('a first login is an addition of the cookie and of its signature', () => {
    const changes = groupJarChanges([
      raw({ value: loggedIn, cause: 'inserted', removed: false }),
      raw({ name: 'lab_session.sig', value: 'sQ0pQ2b4k8tJ2dS2Y0c7mE3Y5Xo', cause: 'inserted', removed: false }),
    ]);
    expect(changes.map((c) => [c.name, c.kind, c.previousValue])).toEqual([
      ['lab_session', 'added', null],
      ['lab_session.sig', 'added', null],
    ]);
  });

  it('a deleted cookie is a removal that remembers its last value', () => {
    expect(groupJarChanges([raw({ value: loggedIn, cause: 'explicit', removed: true })])).toEqual<JarChange[]>([
      { time: 1000, name: 'lab_session', domain: '127.0.0.1', kind: 'removed', cause: 'explicit', value: null, previousValue: loggedIn },
    ]);
  });

  it('an expiry overwrite (logout by Max-Age=0) stays a removal', () => {
    const [change] = groupJarChanges([raw({ value: loggedIn, cause: 'expired-overwrite', removed: true })]);
    expect(change).toMatchObject({ kind: 'removed', cause: 'expired-overwrite' });
  });

  it('pairs only a removal and insertion of the same cookie (name, domain and path)', () => {
    const changes = groupJarChanges([
      raw({ value: 'old', cause: 'overwrite', removed: true }),
      raw({ path: '/lab', value: 'other', cause: 'inserted', removed: false }),
    ]);
    expect(changes.map((c) => c.kind)).toEqual(['removed', 'added']);
  });

  it('two overwrites of different cookies in one batch are two updates, in order', () => {
    const changes = groupJarChanges([
      raw({ value: 'a1', cause: 'overwrite', removed: true }),
      raw({ name: 'lab_session.sig', value: 's1', cause: 'overwrite', removed: true }),
      raw({ value: 'a2', cause: 'inserted', removed: false }),
      raw({ name: 'lab_session.sig', value: 's2', cause: 'inserted', removed: false }),
    ]);
    expect(changes.map((c) => [c.name, c.kind, c.previousValue, c.value])).toEqual([
      ['lab_session', 'updated', 'a1', 'a2'],
      ['lab_session.sig', 'updated', 's1', 's2'],
    ]);
  });

  it('an insert Chromium marks as a same-value overwrite is an update, even without the removal', () => {
    const [change] = groupJarChanges([raw({ value: loggedIn, cause: 'inserted-no-value-change-overwrite', removed: false })]);
    expect(change).toMatchObject({ kind: 'updated', cause: 'inserted-no-value-change-overwrite', value: loggedIn, previousValue: loggedIn });
  });

  it('a leading dot on the domain does not stop the pairing', () => {
    const changes = groupJarChanges([
      raw({ domain: '.example.com', value: 'a', cause: 'overwrite', removed: true }),
      raw({ domain: 'example.com', value: 'b', cause: 'inserted', removed: false }),
    ]);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.kind).toBe('updated');
  });
});

describe('batching change events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('events within the batch window reach the window as one grouped push', () => {
    const emit = vi.fn<(changes: JarChange[]) => void>();
    const batcher = createChangeBatcher(emit, 30);
    for (const e of loginOverwrite) batcher.add(e);
    expect(emit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]![0].map((c) => c.kind)).toEqual(['updated']);
  });

  it('a batch that ends on an overwrite removal waits for the insertion', () => {
    const emit = vi.fn<(changes: JarChange[]) => void>();
    const batcher = createChangeBatcher(emit, 30);
    batcher.add(loginOverwrite[0]!);
    vi.advanceTimersByTime(30);
    expect(emit).not.toHaveBeenCalled();
    batcher.add(loginOverwrite[1]!);
    vi.advanceTimersByTime(30);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]![0]).toMatchObject([{ kind: 'updated', previousValue: loggedOut, value: loggedIn }]);
  });

  it('an overwrite removal whose insertion never comes is still reported', () => {
    const emit = vi.fn<(changes: JarChange[]) => void>();
    const batcher = createChangeBatcher(emit, 30);
    batcher.add(loginOverwrite[0]!);
    vi.advanceTimersByTime(60);
    expect(emit).toHaveBeenCalledWith([expect.objectContaining({ kind: 'removed', cause: 'overwrite' })]);
  });

  it('nothing is pushed after dispose', () => {
    const emit = vi.fn<(changes: JarChange[]) => void>();
    const batcher = createChangeBatcher(emit, 30);
    batcher.add(loginOverwrite[1]!);
    batcher.dispose();
    vi.advanceTimersByTime(100);
    expect(emit).not.toHaveBeenCalled();
  });
});

// Sessions in this instance's memory: express-session's MemoryStore, bounded.
// Each instance has its own, which is the lesson of Lab III's scale-out: the
// other instance has never heard of your session. A restart forgets them all.
import session, { type SessionData } from 'express-session';
import { MAX_STORED_SESSIONS, recordUsername, StoreLimitError, type SessionStoreHandle } from './session-store';

type Callback<T = void> = (err?: unknown, value?: T) => void;

class BoundedMemoryStore extends session.MemoryStore {
  constructor(private readonly maxSessions: number) {
    super();
  }

  override set(sid: string, record: SessionData, callback?: Callback): void {
    if (!(sid in this.sessions) && Object.keys(this.sessions).length >= this.maxSessions) {
      // all() drops what has expired on the way: count again after it.
      this.all(() => {
        if (Object.keys(this.sessions).length >= this.maxSessions) {
          callback?.(
            new StoreLimitError(
              503,
              `The session store is full (${this.maxSessions.toLocaleString('en-US')} sessions in memory), so no new session can start. Existing sessions carry on.`,
            ),
          );
          return;
        }
        super.set(sid, record, callback);
      });
      return;
    }
    super.set(sid, record, callback);
  }
}

function allSessions(store: session.MemoryStore): Promise<Record<string, SessionData>> {
  return new Promise((resolve, reject) => store.all((err, all) => (err ? reject(err as Error) : resolve(all ?? {}))));
}

export function openMemorySessionStore(options: { maxSessions?: number } = {}): SessionStoreHandle {
  const store = new BoundedMemoryStore(options.maxSessions ?? MAX_STORED_SESSIONS);
  return {
    view: { kind: 'memory', description: 'memory of this instance only' },
    store,
    ready: Promise.resolve(),
    async record(sid) {
      const all = await allSessions(store);
      const found = all[sid];
      if (found === undefined) return null;
      // MemoryStore keeps exactly this text (it stores JSON.stringify of the record).
      const json = JSON.stringify(found);
      const expires = found.cookie?.expires;
      return { json, bytes: Buffer.byteLength(json), expiresAt: expires ? new Date(expires as unknown as string).getTime() : null };
    },
    async destroyUser(username) {
      const all = await allSessions(store);
      const mine = Object.entries(all).filter(([, record]) => recordUsername(record) === username);
      for (const [sid] of mine) delete store.sessions[sid];
      return mine.length;
    },
    close: () => Promise.resolve(),
  };
}

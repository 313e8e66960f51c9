// Which session store a server uses, from `--store` / SESSION_STORE, and opening it.
import path from 'node:path';
import { ConfigError } from '../secrets/secrets';
import { openMemorySessionStore } from './memory-session-store';
import type { SessionStoreHandle, StoreChoice } from './session-store';
import { openSqliteSessionStore, SESSIONS_DB_FILE_NAME } from './sqlite-session-store';

export const STORE_CHOICES_TEXT = '"sqlite" (a file in the data dir, the default), "memory" (this process only) or a redis:// URL (redis://host:port/db)';

/**
 * `sqlite`, `memory` or `redis://host:port/db` (also `rediss://` for TLS, and a
 * user and password before the host). Anything else is refused with a sentence.
 */
export function parseStoreChoice(raw: string, source: string, dataDir: string): StoreChoice {
  const value = raw.trim();
  if (value === 'sqlite') return { kind: 'sqlite', file: path.join(dataDir, SESSIONS_DB_FILE_NAME) };
  if (value === 'memory') return { kind: 'memory' };
  if (/^rediss?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(`${source} is not a valid URL: ${JSON.stringify(value)}. Write it as redis://host:port/db, e.g. redis://127.0.0.1:6379/0.`);
    }
    if (url.hostname === '') throw new ConfigError(`${source} names no host: ${JSON.stringify(value)}. Write it as redis://host:port/db.`);
    const db = url.pathname.replace(/^\//, '');
    if (db !== '' && !/^\d{1,2}$/.test(db))
      throw new ConfigError(`${source}: the database after the port must be a number (0 to 15 by Redis's default), not ${JSON.stringify(db)}.`);
    if (url.search !== '' || url.hash !== '')
      throw new ConfigError(`${source} takes no query or fragment: ${JSON.stringify(value)}. Write it as redis://host:port/db.`);
    return { kind: 'redis', url: value };
  }
  throw new ConfigError(`${source} must be ${STORE_CHOICES_TEXT}, not ${JSON.stringify(raw)}.`);
}

export async function openSessionStore(choice: StoreChoice, log: (message: string) => void = console.error): Promise<SessionStoreHandle> {
  switch (choice.kind) {
    case 'sqlite':
      return openSqliteSessionStore({ file: choice.file, log });
    case 'memory':
      return openMemorySessionStore();
    case 'redis': {
      // Loaded only for Redis: the client and its modules cost about 100 ms of
      // every start (npm run bench, cold start), and most runs never use them.
      const { openRedisSessionStore } = await import('./redis-session-store.js');
      return openRedisSessionStore({ url: choice.url, log });
    }
  }
}

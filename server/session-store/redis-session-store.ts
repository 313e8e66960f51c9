// Sessions in Redis: connect-redis's store over the official `redis` client.
// The store for more than one machine: every instance reads the same records.
//
// A lost connection must cost requests, not the server: commands fail at once
// while the client is offline (no offline queue, so nothing waits to be
// replayed behind the server's back),
// every store call gives up after a while (metered-store.ts: the client's own
// timeout covers only the wait to be sent), the client reconnects on its own,
// and its errors are logged, never thrown.
// A write is acknowledged to the browser only after Redis answered it (the
// session engine saves before it answers); what Redis keeps across its own
// crash is its configuration's promise (appendonly with appendfsync always
// loses nothing it answered).
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { errorMessage } from '../../contract';
import { recordUsername, type SessionStoreHandle } from './session-store';

/** Keys are `lab-sess:<id>`, so the lab's sessions are easy to find in a shared Redis. */
export const REDIS_KEY_PREFIX = 'lab-sess:';
/** How long connecting may take before the client counts it as failed (and tries again). */
export const REDIS_CONNECT_TIMEOUT_MS = 2000;
/** Reconnect attempts back off up to this. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 1000;
/** One connection error per this interval reaches the log: an outage does not flood it. */
const LOG_EVERY_MS = 10_000;

export interface RedisStoreOptions {
  url: string;
  log?: (message: string) => void;
}

/** The URL without a password, for sentences and logs. */
export function redisUrlForPeople(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString().replace(/\/$/, '');
}

/** Connects (or starts trying to); the store answers 503 until Redis is reachable, and the server starts regardless. */
export function openRedisSessionStore(options: RedisStoreOptions): SessionStoreHandle {
  const log = options.log ?? console.error;
  const shown = redisUrlForPeople(options.url);
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, REDIS_MAX_RECONNECT_DELAY_MS),
    },
  });
  let lastLogged = 0;
  client.on('error', (err: unknown) => {
    const now = Date.now();
    if (now - lastLogged < LOG_EVERY_MS) return;
    lastLogged = now;
    log(`Session Lab: Redis at ${shown}: ${errorMessage(err)} (reconnecting; requests that need a session get 503 meanwhile).`);
  });
  client.on('ready', () => {
    if (lastLogged !== 0) log(`Session Lab: Redis at ${shown} is reachable again.`);
    lastLogged = 0;
  });
  // The first connection may fail too (Redis not started yet): the client keeps trying.
  const connecting = client.connect().then(
    () => undefined,
    () => undefined,
  );
  let waited: NodeJS.Timeout | undefined;
  const ready = Promise.race([connecting, new Promise<void>((resolve) => (waited = setTimeout(resolve, REDIS_CONNECT_TIMEOUT_MS)))]).finally(() =>
    clearTimeout(waited),
  );
  const store = new RedisStore({ client, prefix: REDIS_KEY_PREFIX });

  return {
    view: { kind: 'redis', description: `Redis at ${shown}` },
    store,
    ready,
    async record(sid) {
      const key = `${REDIS_KEY_PREFIX}${sid}`;
      const [json, ttl] = await Promise.all([client.get(key), client.pTTL(key)]);
      if (json === null) return null;
      return { json, bytes: Buffer.byteLength(json), expiresAt: ttl >= 0 ? Date.now() + ttl : null };
    },
    async destroyUser(username) {
      const ended: string[] = [];
      for await (const keys of client.scanIterator({ MATCH: `${REDIS_KEY_PREFIX}*`, COUNT: 100 })) {
        if (keys.length === 0) continue;
        const records = await client.mGet(keys);
        records.forEach((json, i) => {
          if (json === null) return;
          try {
            if (recordUsername(JSON.parse(json) as Record<string, unknown>) === username) ended.push(keys[i]!);
          } catch {
            // Not a record of ours: leave it.
          }
        });
      }
      if (ended.length > 0) await client.del(ended);
      return ended.length;
    },
    async close() {
      await connecting;
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}

// Parses `npm run serve` options: --port N (or --port=N), else PORT, else 5000;
// --sessions client|server, else SESSION_KIND, else client; and for server-side
// sessions --store sqlite|memory|redis://…, else SESSION_STORE, else sqlite.
import { parseArgs } from 'node:util';
import { errorMessage, SESSION_KINDS, type SessionKind } from '../contract';
import { resolveDataDir } from './data-dir';
import { ConfigError } from './secrets/secrets';
import { parseStoreChoice, STORE_CHOICES_TEXT } from './session-store/open-session-store';
import type { StoreChoice } from './session-store/session-store';

export const DEFAULT_PORT = 5000;

export interface ServeArgs {
  port: number;
  help: boolean;
  sessions: SessionKind;
  /** The store of server-side sessions; null for client-side ones. */
  store: StoreChoice | null;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--port N] [--sessions client|server] [--store sqlite|memory|redis://host:port/db]

Runs the Session Lab server alone (no desktop window) on http://127.0.0.1:N.
  --port N        port to listen on (default: PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --sessions K    where sessions live (default: SESSION_KIND, else client):
                    client  in the signed cookie itself (cookie-session)
                    server  in a store; the cookie holds only an ID (express-session)
  --store S       the store of server-side sessions (default: SESSION_STORE, else sqlite):
                    sqlite  sessions.sqlite in the data dir
                    memory  this process only, lost when it stops
                    redis://host:port/db  a Redis server, shared by every instance
  --help          show this help

Environment:
  SESSION_SECRET            signing key (at least 32 characters); generated when unset
  SESSION_PREVIOUS_SECRETS  older keys that still verify, newest first, space-separated
  SESSION_LAB_DATA_DIR      where the generated key, the to-do database and sessions.sqlite are stored
  SESSION_KIND              client or server, as --sessions
  SESSION_STORE             sqlite, memory or redis://host:port/db, as --store
  SESSION_IDLE_TIMEOUT      seconds a client-side session may sit unused before it is refused
  SESSION_ABSOLUTE_TIMEOUT  seconds after login a client-side session is refused, however used
  SESSION_LAB_TODO_WRITES_PER_MINUTE
                            to-do writes one client may make a minute (default 120; 0: no limit)`;

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv, dataDir: string = resolveDataDir(env)): ServeArgs {
  let values: { port?: string | undefined; help?: boolean | undefined; sessions?: string | undefined; store?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' }, sessions: { type: 'string' }, store: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError(`${errorMessage(err)}\n\n${SERVE_USAGE}`);
  }
  const help = values.help === true;
  // An empty variable is as good as unset (shells export PORT= easily).
  const fromEnv = (name: string) => env[name]?.trim() || undefined;
  const port =
    values.port !== undefined ? parsePort(values.port, '--port') : fromEnv('PORT') !== undefined ? parsePort(fromEnv('PORT')!, 'PORT') : DEFAULT_PORT;
  const sessions = parseKind(values.sessions, fromEnv('SESSION_KIND'));
  const [rawStore, storeSource] = values.store !== undefined ? [values.store, '--store'] : [fromEnv('SESSION_STORE'), 'SESSION_STORE'];
  if (sessions === 'client') {
    if (rawStore !== undefined) {
      throw new ConfigError(
        `${storeSource} chooses where server-side sessions are stored, but sessions are client-side (in the cookie, no store). Add --sessions server (or SESSION_KIND=server), or leave ${storeSource} out.`,
      );
    }
    return { port, help, sessions, store: null };
  }
  if (rawStore === '') throw new ConfigError(`--store must be ${STORE_CHOICES_TEXT}, not "".`);
  return { port, help, sessions, store: parseStoreChoice(rawStore ?? 'sqlite', storeSource, dataDir) };
}

function parseKind(flag: string | undefined, fromEnv: string | undefined): SessionKind {
  const [raw, source] = flag !== undefined ? [flag, '--sessions'] : [fromEnv, 'SESSION_KIND'];
  if (raw === undefined) return 'client';
  const kind = raw.trim().toLowerCase();
  if (!(SESSION_KINDS as readonly string[]).includes(kind)) {
    throw new ConfigError(
      `${source} must be "client" (sessions in the signed cookie) or "server" (in a store, the cookie holding only an ID), not ${JSON.stringify(raw)}.`,
    );
  }
  return kind as SessionKind;
}

function parsePort(raw: string, source: string): number {
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`${source} must be a port number from 0 to 65535, not ${JSON.stringify(raw)}.`);
  }
  return port;
}

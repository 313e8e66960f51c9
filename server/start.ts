// Starts the app on 127.0.0.1 (and opens its to-do database alongside) and hands back its URL,
// a way to swap in an app with other keys or settings on the same socket, and a way to stop it.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, NO_TODO_STORE, type AppOptions } from './app';
import { inertPage } from './http/inert-page';
import { TodoDatabaseUnavailableError } from './todos/todo-db';
import { openTodoStore, pendingTodoStore, unavailableTodoStore, type TodoStore } from './todos/todo-store';
import {
  SESSION_COOKIE_NAME,
  SESSION_ID_COOKIE_NAME,
  type CookieInspection,
  errorMessage,
  type SessionIdInspection,
  type SessionKind,
  type SessionStoreView,
} from '../contract';
import { inspectCookieHeader } from './session/session-inspect';
import { inspectSessionIdHeader } from './session/session-id-inspect';
import { openSessionStore } from './session-store/open-session-store';
import type { SessionStoreHandle, StoreChoice } from './session-store/session-store';
import { SESSIONS_DB_FILE_NAME } from './session-store/sqlite-session-store';

export const LOOPBACK = '127.0.0.1';

export interface StartOptions extends AppOptions {
  /** 0 (the default) picks a free ephemeral port. */
  port?: number;
  /**
   * The app's data folder: the to-do database (todos.sqlite) is opened there
   * while the server starts listening, and closed by close(). Ignored when
   * todoStore is given.
   */
  dataDir?: string | null;
  /**
   * Server-side sessions only: the store to open (and close with the server).
   * Default: SQLite (sessions.sqlite) in dataDir when there is one, else memory.
   * Ignored when sessionStore is given (a store the caller opened and closes).
   */
  store?: StoreChoice;
}

/** What a running server may change without letting go of its port (Lab I's keys, Lab II's switches). */
export type Reconfigurable = Pick<AppOptions, 'keys' | 'cookie' | 'maxAgeMs' | 'expiry' | 'instance' | 'balanceTo'>;

export interface RunningServer {
  url: string;
  port: number;
  /**
   * What this server would make of a request carrying this Cookie header: the
   * session pair read as cookie-session reads it, checked with the current keys,
   * which never leave.
   */
  inspect(cookieHeader: string | undefined): CookieInspection;
  /**
   * Serves every request from now on with an app built from these changes: other
   * keys, expiry, cookie attributes, a balancer. The listening socket is never let
   * go, so no other program can take the port meanwhile, and requests already in
   * flight finish on the app they started on. Throws (and changes nothing) when
   * the options are not valid.
   */
  reconfigure(change: Partial<Reconfigurable>): void;
  /** Where this server keeps its sessions. */
  readonly sessions: SessionKind;
  /** The store of its server-side sessions; null client-side. */
  readonly store: SessionStoreView | null;
  /**
   * What this server would make of the express-session ID cookie in this
   * Cookie header: the ID, the verdict of its keys, and its store's record
   * (read from the store itself). Server-side sessions only.
   */
  inspectSessionId(cookieHeader: string | undefined): Promise<SessionIdInspection>;
  /**
   * Answers every request from now on with an inert 503 page (no scripts) saying
   * `reason`: for a server that could not take on a change and must not go on as before.
   */
  refuse(reason: string): void;
  /**
   * Settles once the to-do database is open (or known to be unavailable) with
   * what a person should know about it, already logged: it was corrupt and
   * moved aside (the sentence names the file), or it is unavailable and why.
   * null when all is well. GET /api/todos carries it as `notice` too. Never rejects.
   */
  todoNotice: Promise<string | null>;
  close(): Promise<void>;
}

/** Listening failed; the message says why in words a person can act on. */
export class ListenError extends Error {
  override name = 'ListenError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  // The database opens while the server binds its port: nothing in the session
  // lab needs it, and /api/todos calls wait for it (see pendingTodoStore).
  const todos = todoStoreFor(options);
  const store = pendingTodoStore(todos.then((t) => t.store));
  let sessionStore: Awaited<ReturnType<typeof sessionStoreFor>> = null;
  const closeStores = () => Promise.all([todos.then((t) => t.close()), sessionStore?.close()]).then(() => undefined);
  try {
    sessionStore = await sessionStoreFor(options);
    // A Redis being connected to: the first requests should not fail for that (a Redis that is down does not hold the start up for long).
    await sessionStore?.handle.ready;
    let current: AppOptions = { ...options, keys: [...options.keys], todoStore: store, sessionStore: sessionStore?.handle ?? null };
    let handle: http.RequestListener = createApp(current);
    // One listener for the server's whole life; what it hands requests to can change.
    const server = await listen(
      http.createServer((req, res) => handle(req, res)),
      options.port ?? 0,
    );
    const { port } = server.address() as AddressInfo;
    // close() may be called from several places (quit, signals, tests): once is enough.
    let closing: Promise<void> | undefined;
    return {
      url: `http://${LOOPBACK}:${port}`,
      port,
      inspect: (cookieHeader) => inspectCookieHeader(cookieHeader, SESSION_COOKIE_NAME, current.keys),
      sessions: options.sessions ?? 'client',
      store: current.sessionStore?.view ?? null,
      inspectSessionId(cookieHeader) {
        const handle = current.sessionStore;
        if (!handle || current.sessions !== 'server')
          return Promise.reject(new TypeError('This server keeps its sessions in the cookie: it has no session store.'));
        return inspectSessionIdHeader(cookieHeader, SESSION_ID_COOKIE_NAME, current.keys, handle);
      },
      reconfigure(change) {
        const next: AppOptions = { ...current, ...change, keys: [...(change.keys ?? current.keys)] };
        // Built before anything changes: a bad option throws here and the old app serves on.
        handle = createApp(next);
        current = next;
      },
      refuse(reason) {
        handle = inertPage(reason);
      },
      todoNotice: todos.then((t) => t.store.notice),
      // Requests finish first, then the database saves what they queued and lets go of its file.
      close: () => (closing ??= closeServer(server).finally(closeStores)),
    };
  } catch (err) {
    await closeStores();
    throw err;
  }
}

/** The session store startServer opens itself (and closes), or null: client-side sessions, or one the caller gave. */
async function sessionStoreFor(options: StartOptions): Promise<{ handle: SessionStoreHandle; close: () => Promise<void> } | null> {
  if (options.sessions !== 'server') return null;
  if (options.sessionStore) return { handle: options.sessionStore, close: () => Promise.resolve() };
  const dataDir = options.dataDir ?? null;
  const choice: StoreChoice = options.store ?? (dataDir === null ? { kind: 'memory' } : { kind: 'sqlite', file: path.join(dataDir, SESSIONS_DB_FILE_NAME) });
  const handle = await openSessionStore(choice, options.log ?? console.error);
  return { handle, close: () => handle.close() };
}

function listen(server: http.Server, port: number): Promise<http.Server> {
  // Slowloris-style clients must not pin the app open.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, port)));
    server.listen(port, LOOPBACK, () => resolve(server));
  });
}

/**
 * The store the app uses, and how to close it (only one we opened ourselves).
 * A database that cannot be opened does not stop the server: the session lab
 * still works, and /api/todos answers 503 with the reason, which is logged.
 */
async function todoStoreFor(options: StartOptions): Promise<{ store: TodoStore; close: () => Promise<void> }> {
  const none = () => Promise.resolve();
  if (options.todoStore !== undefined) return { store: options.todoStore, close: none };
  if (options.dataDir === undefined || options.dataDir === null) return { store: unavailableTodoStore(NO_TODO_STORE), close: none };
  const log = options.log ?? console.error;
  try {
    const store = await openTodoStore({ dir: options.dataDir, log });
    return { store, close: () => store.close() };
  } catch (err) {
    // The window and the 503s get the sentence without paths; the log gets the paths too.
    const known = err instanceof TodoDatabaseUnavailableError;
    const reason = known
      ? err.message
      : 'The to-do database could not be opened (the reason is in the log); to-dos are unavailable until that is fixed and Session Lab restarts.';
    log(`Session Lab: ${known ? err.logMessage : `The to-do database in ${options.dataDir} could not be opened (${errorMessage(err)}).`}`);
    return { store: unavailableTodoStore(reason), close: none };
  }
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive sockets would hold close() open; nothing is mid-request here.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  });
}

function listenError(err: NodeJS.ErrnoException, port: number): ListenError {
  switch (err.code) {
    case 'EADDRINUSE':
      return new ListenError(
        `Port ${port} on ${LOOPBACK} is already in use. Stop the program using it, or choose another port (--port N or PORT=N).`,
        err.code,
      );
    case 'EACCES':
      return new ListenError(`Not allowed to listen on port ${port}. Ports below 1024 need special rights; choose a port from 1024 to 65535.`, err.code);
    default:
      return new ListenError(`Cannot listen on ${LOOPBACK}:${port}: ${err.message}`, err.code);
  }
}

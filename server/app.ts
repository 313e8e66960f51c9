// Builds the Express app: the tutorial's pages, the lab's API, the to-do API and the lab page.
// Nothing here listens; see start.ts.
import fs from 'node:fs';
import express, { type Express, type RequestHandler } from 'express';
import { hostGuard } from './http/host-guard';
import { crossSiteGuard } from './http/cross-site-guard';
import { noStore, securityHeaders } from './http/security-headers';
import { SESSION_COOKIE_NAME, type CookieAttributes, type ExpiryOptions, type SessionKind } from '../contract';
import { cookieAttributes } from './session/session-cookie';
import { clientSessionEngine } from './session/client-session';
import { serverSessionEngine } from './session/server-session';
import type { SessionEngine } from './session/session-engine';
import { openMemorySessionStore } from './session-store/memory-session-store';
import type { SessionStoreHandle } from './session-store/session-store';
import { serverSideProxy } from './http/server-side-proxy';
import { tutorialRoutes } from './routes/tutorial-routes';
import { apiRoutes } from './routes/api-routes';
import { todoRoutes } from './todos/todo-routes';
import { unavailableTodoStore, type TodoStore } from './todos/todo-store';
import { errorHandler, notFound } from './http/error-pages';
import { HttpError } from './http/http-error';
import { labRoutes } from './routes/lab-routes';
import { instanceHeader, roundRobin } from './http/round-robin';

export const BODY_LIMIT_BYTES = 4096;

export interface AppOptions {
  /** Signing keys, newest first; every key verifies, the first one signs. */
  keys: readonly string[];
  /** Folder with the built lab page, served at /lab/. */
  labDir?: string | null;
  /** Session cookie lifetime; null makes it a browser-session cookie. Same as cookie.maxAgeMs (which wins). */
  maxAgeMs?: number | null;
  /** The session cookie's attributes (default HttpOnly, SameSite=Lax, 7 days); see session-cookie.ts. */
  cookie?: Partial<CookieAttributes>;
  /** Names this instance in a Session-Lab-Instance header on every response (Lab II's scale-out). */
  instance?: string | null;
  /**
   * Another instance of this server (http://127.0.0.1:<port>): every other
   * request to the session API is forwarded there (round-robin.ts). Null: none.
   */
  balanceTo?: string | null;
  /** Where unexpected errors are logged (default: console.error). */
  log?: (message: string) => void;
  /** Where session warnings (size, sensitive data) are logged (default: console.warn). */
  warn?: (message: string) => void;
  /**
   * Server-side expiry: idle and absolute timeouts checked on every request,
   * from timestamps inside the signed payload. Off (null) by default, as in
   * the tutorial; see session-expiry.ts.
   */
  expiry?: ExpiryOptions | null;
  /** The clock expiry reads, in ms since the epoch (tests pass a fake one). */
  now?: () => number;
  /**
   * The to-do database (see openTodoStore); the caller closes it. Without one,
   * /api/todos answers 503 with NO_TODO_STORE rather than keeping items in
   * memory, which would acknowledge writes a restart silently loses.
   */
  todoStore?: TodoStore;
  /** To-do writes one client may make per minute (default TODO_WRITES_PER_MINUTE); null: no limit. */
  todoWritesPerMinute?: number | null;
  /**
   * Where sessions live: 'client' (the default) keeps them in the signed cookie
   * (cookie-session); 'server' keeps them in `sessionStore` and gives the
   * browser only their ID (express-session). See session/session-engine.ts.
   */
  sessions?: SessionKind;
  /** The store of server-side sessions; the caller opens and closes it. Default: a memory store of this app's own. */
  sessionStore?: SessionStoreHandle | null;
  /**
   * Lab III: the server-side instance(s) that requests under /server-side/ are
   * passed on to (http/server-side-proxy.ts), read on every request. Null: none.
   */
  serverSidePeers?: (() => readonly string[]) | null;
}

export const NO_TODO_STORE = 'To-dos need a data directory, and this server was started without one.';

export function createApp(options: AppOptions): Express {
  const keys = [...options.keys];
  if (keys.length === 0 || keys.some((k) => typeof k !== 'string' || k === '')) {
    throw new TypeError('createApp: options.keys must be a non-empty array of non-empty strings.');
  }
  const attrs = cookieAttributes({ ...(options.maxAgeMs === undefined ? {} : { maxAgeMs: options.maxAgeMs }), ...options.cookie });
  const engine = sessionEngine(options, keys, attrs);
  const app = express();
  app.disable('x-powered-by');

  app.use(hostGuard());
  app.use(securityHeaders());
  if (options.instance) app.use(instanceHeader(options.instance));
  app.use(crossSiteGuard());
  // Before the session and the body parsers: a forwarded request is passed on untouched.
  if (options.balanceTo) app.use(roundRobin({ peerUrl: options.balanceTo }));
  if (options.serverSidePeers) app.use(serverSideProxy({ peers: options.serverSidePeers }));
  app.use('/lab', labPage(options.labDir ?? null));

  app.use(noStore);
  app.use(...engine.middleware);
  // Only these paths read bodies; parsing nothing on every GET /counter costs (npm run bench).
  app.use(['/login', '/api'], express.urlencoded({ extended: false, limit: BODY_LIMIT_BYTES, parameterLimit: 20 }), express.json({ limit: BODY_LIMIT_BYTES }));

  app.use(tutorialRoutes());
  app.use(
    '/api/todos',
    todoRoutes(options.todoStore ?? unavailableTodoStore(NO_TODO_STORE), { log: options.log, writesPerMinute: options.todoWritesPerMinute }),
  );
  app.use('/api/lab', labRoutes(engine));
  app.use('/api', apiRoutes(SESSION_COOKIE_NAME, keys, engine));

  app.use(notFound());
  app.use(errorHandler(options.log));
  return app;
}

function labPage(labDir: string | null): RequestHandler {
  if (labDir !== null && fs.existsSync(labDir)) {
    return express.static(labDir, { index: 'index.html', redirect: true, fallthrough: true });
  }
  return (_req, _res, next) => {
    next(new HttpError(404, 'The lab page is not built. Run "npm run build", then start again.'));
  };
}

function sessionEngine(options: AppOptions, keys: string[], attrs: CookieAttributes): SessionEngine {
  const kind = options.sessions ?? 'client';
  if (kind === 'client')
    return clientSessionEngine({
      keys,
      attrs,
      warn: options.warn ?? console.warn,
      expiry: options.expiry ?? null,
      ...(options.now ? { now: options.now } : {}),
    });
  if (kind !== 'server') throw new TypeError(`createApp: options.sessions must be "client" or "server", not ${String(kind)}.`);
  // The lab's expiry stamps timestamps into a client-side payload; a server-side session expires with its record.
  if (options.expiry)
    throw new TypeError(
      'createApp: server-side expiry (options.expiry) is for client-side sessions; a server-side session ends when its record expires (the cookie’s Max-Age).',
    );
  return serverSessionEngine({ keys, attrs, handle: options.sessionStore ?? openMemorySessionStore(), ...(options.log ? { log: options.log } : {}) });
}

// Builds the Express app: the tutorial's pages, the lab's API, the to-do API and the lab page.
// Nothing here listens; see start.ts.
import fs from 'node:fs';
import express, { type Express, type RequestHandler } from 'express';
import cookieSession from 'cookie-session';
import { hostGuard } from './http/host-guard';
import { crossSiteGuard } from './http/cross-site-guard';
import { noStore, securityHeaders } from './http/security-headers';
import { dropOversizedCookie } from './session/oversized-cookie';
import { SESSION_COOKIE_NAME, type CookieAttributes, type ExpiryOptions } from '../contract';
import { cookieAttributes, sessionCookieOptions } from './session/session-cookie';
import { inspectCookieHeader } from './session/session-inspect';
import { tutorialRoutes } from './routes/tutorial-routes';
import { apiRoutes } from './routes/api-routes';
import { todoRoutes } from './todos/todo-routes';
import { unavailableTodoStore, type TodoStore } from './todos/todo-store';
import { errorHandler, notFound } from './http/error-pages';
import { HttpError } from './http/http-error';
import { sessionExpiry } from './session/session-expiry';
import { logSessionWarnings } from './session/session-warning-log';
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
}

export const NO_TODO_STORE = 'To-dos need a data directory, and this server was started without one.';

export function createApp(options: AppOptions): Express {
  const keys = [...options.keys];
  if (keys.length === 0 || keys.some((k) => typeof k !== 'string' || k === '')) {
    throw new TypeError('createApp: options.keys must be a non-empty array of non-empty strings.');
  }
  const attrs = cookieAttributes({ ...(options.maxAgeMs === undefined ? {} : { maxAgeMs: options.maxAgeMs }), ...options.cookie });
  const app = express();
  app.disable('x-powered-by');

  app.use(hostGuard());
  app.use(securityHeaders());
  if (options.instance) app.use(instanceHeader(options.instance));
  app.use(crossSiteGuard());
  // Before the session and the body parsers: a forwarded request is passed on untouched.
  if (options.balanceTo) app.use(roundRobin({ peerUrl: options.balanceTo }));
  app.use('/lab', labPage(options.labDir ?? null));

  app.use(noStore);
  app.use(dropOversizedCookie(SESSION_COOKIE_NAME));
  // Hooks on the way out run last-registered first: the expiry stamps (below)
  // go into the payload, cookie-session signs and sets it, and only then does
  // the warning log look at what was written.
  app.use(logSessionWarnings(SESSION_COOKIE_NAME, options.warn ?? console.warn));
  app.use(cookieSession(sessionCookieOptions(keys, attrs)));
  // With one key every valid cookie is signed by it: nothing to re-sign, and no layer to pass.
  if (keys.length > 1) app.use(resignWithNewestKey(keys));
  if (options.expiry) app.use(sessionExpiry(options.expiry, options.now));
  // Only these paths read bodies; parsing nothing on every GET /counter costs (npm run bench).
  app.use(['/login', '/api'], express.urlencoded({ extended: false, limit: BODY_LIMIT_BYTES, parameterLimit: 20 }), express.json({ limit: BODY_LIMIT_BYTES }));

  app.use(tutorialRoutes());
  app.use('/api/todos', todoRoutes(options.todoStore ?? unavailableTodoStore(NO_TODO_STORE), { log: options.log, writesPerMinute: options.todoWritesPerMinute }));
  app.use('/api/lab', labRoutes(SESSION_COOKIE_NAME));
  app.use('/api', apiRoutes(SESSION_COOKIE_NAME, keys));

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

/**
 * A cookie signed with an older key is accepted; rewriting the session makes
 * cookie-session sign it again with the newest key, so old keys can be dropped.
 */
function resignWithNewestKey(keys: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const { verdict } = inspectCookieHeader(req.headers.cookie, SESSION_COOKIE_NAME, keys);
    if (verdict.state === 'valid' && verdict.keyIndex > 0 && req.session) req.session = { ...req.session };
    next();
  };
}

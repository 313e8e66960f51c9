// The server-side engine: express-session keeps the session in a store, and the
// cookie (lab_sid) holds only its ID, signed with the server's keys by
// cookie-signature (`s:<id>.<signature>`: the first key signs, every key verifies).
//
// The routes see the same plain object cookie-session gives them (the seam,
// session-engine.ts). This module turns what a route did to it into store
// operations, and does them BEFORE the response goes out: express-session
// saves while the response is already on its way, and answers the request even
// when the save fails, so a browser could be told "Number of visits: 3" for a
// count the store never kept. Here a response is sent only once the store has
// acknowledged every write it depends on; if the store fails, the route's
// answer is replaced by a 503 (or 413) and a sentence.
//
// On top, the rules of a server-side session:
//   - nothing is stored until the session holds something (saveUninitialized
//     off): a flood of anonymous requests, or a garbage, forged or unknown ID,
//     creates no record;
//   - when the username changes (a login, a logout), the old record is
//     destroyed and the session goes on under a new ID: an ID planted before a
//     login does not survive it (fixation), and a copy of the cookie taken
//     before a logout opens nothing (revocation);
//   - a session left empty is destroyed and its cookie cleared.
import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import expressSession, { type Session } from 'express-session';
import signature from 'cookie-signature';
import { SESSION_ID_COOKIE_NAME, STORE_HEADER, type CookieAttributes, type SessionPayload } from '../../contract';
import { publicError } from '../http/http-error';
import { errorBody } from '../http/json-answer';
import { textPage } from '../http/pages';
import { MeteredStore, meterRequest, newStoreOps, storeOpsText, type StoreOps } from '../session-store/metered-store';
import { MAX_RECORD_BYTES, type SessionStoreHandle } from '../session-store/session-store';
import { SIZE_WARNING_RATIO } from './session-warnings';
import { WARNINGS_OF, type SessionEngine } from './session-engine';
import { usernameOf } from './session-state';

/**
 * What express-session's Session object uses itself: a route may not store a
 * field of these names (the lab's stash refuses any name `in` the session).
 */
const LIBRARY_NAMES = ['cookie', 'id', 'req', 'regenerate', 'destroy', 'reload', 'save', 'touch', 'resetMaxAge'] as const;

/** The prototype of the object routes see: the library's names are "in" it (not own, not enumerable), and its warnings. */
const VIEW_PROTOTYPE: object = Object.create(Object.prototype, {
  ...Object.fromEntries(LIBRARY_NAMES.map((name) => [name, { value: undefined, enumerable: false }])),
  [WARNINGS_OF]: {
    enumerable: false,
    value(this: Record<string, unknown>): string[] {
      // Kept on the server: nothing in it is readable by the browser. Only its size has a limit.
      const bytes = Buffer.byteLength(JSON.stringify(this));
      return bytes >= MAX_RECORD_BYTES * SIZE_WARNING_RATIO
        ? [`The session holds ${bytes.toLocaleString('en-US')} bytes, near the ${MAX_RECORD_BYTES.toLocaleString('en-US')} bytes the store keeps per session.`]
        : [];
    },
  },
});

type View = Record<string, unknown>;

/** What the request started with. */
interface Pending {
  /** express-session's session for the request (loaded or new). */
  record: Session;
  /** Whether that record came from the store (else: no cookie, or an ID the store does not know). */
  loaded: boolean;
  initialJson: string;
  initialUser: string | null;
  ops: StoreOps;
  /** res.end as it was before express-session wrapped it. */
  end: ServerResponse['end'];
}

const pendingOf = new WeakMap<Request, Pending>();

/** The session's data: every own field but express-session's cookie options. */
function dataOf(record: object): SessionPayload {
  const data: SessionPayload = {};
  for (const [key, value] of Object.entries(record)) if (key !== 'cookie') data[key] = value as SessionPayload[string];
  return data;
}

function viewOf(data: SessionPayload): View {
  return Object.assign(Object.create(VIEW_PROTOTYPE) as View, data);
}

/** What the route left: its fields as JSON would keep them (null, or a cleared session, is empty). */
function finalData(view: unknown): SessionPayload {
  if (typeof view !== 'object' || view === null) return {};
  const data = JSON.parse(JSON.stringify({ ...view })) as SessionPayload;
  for (const name of LIBRARY_NAMES) delete data[name];
  return data;
}

function callback(run: (done: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => run((err) => (err ? reject(err as Error) : resolve())));
}

export interface ServerSessionOptions {
  keys: string[];
  attrs: CookieAttributes;
  handle: SessionStoreHandle;
  log?: (message: string) => void;
}

export function serverSessionEngine(options: ServerSessionOptions): SessionEngine {
  const { keys, attrs, handle } = options;
  // One metered front per app: express-session puts its own generate() on the store it is given.
  const store = new MeteredStore(handle.store, handle.view, { log: options.log ?? console.error });
  const cookieOptions = {
    path: '/',
    httpOnly: attrs.httpOnly,
    sameSite: attrs.sameSite,
    secure: false,
    ...(attrs.maxAgeMs === null ? {} : { maxAge: attrs.maxAgeMs }),
  };
  const library = expressSession({
    name: SESSION_ID_COOKIE_NAME,
    secret: [...keys],
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: cookieOptions,
  });

  const begin: RequestHandler = (req, res, next) => {
    const ops = newStoreOps();
    const end = res.end;
    // Everything after this, express-session's read included, counts into `ops`.
    meterRequest(ops, () => {
      library(req, res, (err?: unknown) => {
        if (err !== undefined) return next(err);
        const record = req.session as unknown as Session | undefined;
        if (record === undefined) return next(new Error('express-session gave no session'));
        const data = dataOf(record);
        pendingOf.set(req, {
          record,
          loaded: ops.found === (req as { sessionID?: string }).sessionID,
          initialJson: JSON.stringify(data),
          initialUser: usernameOf(data),
          ops,
          end,
        });
        req.session = viewOf(data) as typeof req.session;
        holdResponse(req, res);
        next();
      });
    });
  };

  /** The route's res.end waits for the commit; express-session's own end (a save after the fact) never runs. */
  const holdResponse = (req: Request, res: Response): void => {
    let held = false;
    res.end = function heldEnd(this: Response, ...args: unknown[]) {
      if (held) return this;
      held = true;
      const pending = pendingOf.get(req)!;
      commit(req, res, pending).then(
        () => {
          res.setHeader(STORE_HEADER, storeOpsText(pending.ops));
          (pending.end as (...a: unknown[]) => void).apply(res, args);
        },
        (err: unknown) => refuse(req, res, pending, err),
      );
      return this;
    } as Response['end'];
  };

  const commit = async (req: Request, res: Response, pending: Pending): Promise<void> => {
    const data = finalData(req.session);
    const user = usernameOf(data);
    const { record } = pending;
    const sid = record.id;
    if (JSON.stringify(data) === pending.initialJson && user === pending.initialUser) {
      // Nothing changed: nothing to write, and express-session sets no cookie.
      req.session = record as unknown as typeof req.session;
      return;
    }
    const empty = Object.keys(data).length === 0;
    // A new user (or none) never inherits the old ID: the old record goes first.
    if (pending.loaded && (empty || user !== pending.initialUser)) await callback((done) => store.destroy(sid, done));
    if (empty) {
      // No session: express-session sets no cookie, and the browser's is cleared.
      req.session = undefined;
      if (req.headers.cookie?.includes(`${SESSION_ID_COOKIE_NAME}=`))
        res.clearCookie(SESSION_ID_COOKIE_NAME, { path: '/', httpOnly: attrs.httpOnly, sameSite: attrs.sameSite });
      return;
    }
    let target = record;
    if (pending.loaded && user !== pending.initialUser) {
      // A fresh ID and record (express-session's generate()); its cookie is set as the headers go out.
      store.generate!(req);
      target = req.session as unknown as Session;
    }
    for (const key of Object.keys(dataOf(target))) delete target[key];
    Object.assign(target, data);
    // The expiry moves on with every write, as the cookie's does.
    target.touch();
    await callback((done) => target.save(done));
    req.session = target as unknown as typeof req.session;
  };

  /** The store failed: the route's answer is replaced by the status and sentence, and no session cookie goes out. */
  const refuse = (req: Request, res: Response, pending: Pending, err: unknown): void => {
    if (res.headersSent) {
      res.destroy(err instanceof Error ? err : undefined);
      return;
    }
    const { status, message } = publicError(err);
    req.session = undefined;
    for (const header of ['content-type', 'content-length', 'etag', 'location', 'last-modified', 'set-cookie']) res.removeHeader(header);
    res.statusCode = status;
    res.setHeader(STORE_HEADER, storeOpsText(pending.ops));
    const json = req.originalUrl.startsWith('/api/');
    const body = json ? JSON.stringify(errorBody(message)) : textPage({ title: `Error ${status}`, lines: [message], status: 'error' });
    res.setHeader('Content-Type', json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    (pending.end as (body: string) => void).call(res, body);
  };

  return {
    kind: 'server',
    middleware: [begin],
    cookieBytes(req) {
      const sid = (req as { sessionID?: string }).sessionID;
      if (sid === undefined || Object.keys(req.session ?? {}).length === 0) return 0;
      // express-session's cookie value: "s:" + the signed ID, URL-encoded.
      return Buffer.byteLength(`${SESSION_ID_COOKIE_NAME}=${encodeURIComponent(`s:${signature.sign(sid, keys[0]!)}`)}`);
    },
    storedBytes(req) {
      const pending = pendingOf.get(req);
      const data = finalData(req.session);
      if (pending === undefined || Object.keys(data).length === 0) return 0;
      return Buffer.byteLength(JSON.stringify({ cookie: pending.record.cookie, ...data }));
    },
    endSessionsOf: (username) => store.metered('writes', 'end', () => handle.destroyUser(username)),
  };
}

// What the inspector shows: the jar, main's verdict on the session cookie, what
// page scripts can read, and the live change and wire logs. The jar and the
// verdict are read through one lane, so only the newest reading paints.
import {
  errorMessage,
  unpackJarAudit,
  type AuditedCookie,
  type CookieInspection,
  type CookieRow,
  type JarChange,
  type LabBridge,
  type SessionIdInspection,
  type WireEntry,
} from '../contract';
import { api } from './api-client';
import { createLane } from './request-lane';
import { createStore, type Store } from './store';

/** One line of a log, with the id that keys its row. */
export interface LogEntry<T> {
  id: number;
  item: T;
}

/** A log shown newest first, at most `max` lines. */
export interface Log<T> {
  store: Store<readonly LogEntry<T>[]>;
  /** Puts `items` on top, in their own order. */
  add(items: readonly T[]): void;
  clear(): void;
}

export function createLog<T>(max: number): Log<T> {
  const store = createStore<readonly LogEntry<T>[]>([]);
  let next = 0;
  return {
    store,
    add(items) {
      if (items.length === 0) return;
      store.update((entries) => [...items.map((item) => ({ id: next++, item })), ...entries].slice(0, max));
    },
    clear: () => store.set([]),
  };
}

/** What a script in this page could read, as of the last reading; `jar` is null in a plain browser, which cannot list it. */
export interface DocumentCookieView {
  visible: string;
  jar: readonly CookieRow[] | null;
}

export interface Inspector {
  /** The jar's rows with their audits; null until the first reading (and always in a plain browser). */
  jar: Store<readonly AuditedCookie[] | null>;
  /** Why the jar could not be read or changed; '' when it could. */
  jarError: Store<string>;
  inspection: Store<CookieInspection | null>;
  /** Main's view of the server-side ID cookie (lab_sid) and the store's record; null until read, and in a plain browser. */
  sessionId: Store<SessionIdInspection | null>;
  /** Why main could not read it; '' when it could. */
  sessionIdError: Store<string>;
  documentCookie: Store<DocumentCookieView | null>;
  changes: Log<JarChange>;
  wire: Log<WireEntry>;
  /** Reads the jar and the verdict again (or, in a plain browser, the server's view). */
  refresh(): Promise<void>;
}

export const MAX_CHANGES = 200;
export const MAX_WIRE_ENTRIES = 100;

/** @param lab the desktop bridge, or null in a plain browser. */
export function createInspector(lab: LabBridge | null): Inspector {
  const jar = createStore<readonly AuditedCookie[] | null>(null);
  const jarError = createStore('');
  const inspection = createStore<CookieInspection | null>(null);
  const sessionId = createStore<SessionIdInspection | null>(null);
  const sessionIdError = createStore('');
  const documentCookie = createStore<DocumentCookieView | null>(null);
  const lane = createLane();
  const fail = (err: unknown) => jarError.set(`Cannot read the cookie jar: ${errorMessage(err)}`);

  // Desktop: the jar and the verdict are asked for together and each drawn as
  // soon as it arrives: the table need not wait on the signature check. (They
  // paint inside the request: this lane is never reset, and its readings come
  // back in order.)
  const refresh = lab
    ? lane.reader(
        () =>
          Promise.all([
            // The rows come with their findings (main audits them): one call, one paint.
            lab.auditJar().then((packed) => {
              const rows = unpackJarAudit(packed);
              jar.set(rows);
              documentCookie.set({ visible: document.cookie, jar: rows.map((r) => r.cookie) });
            }),
            lab.inspectSession().then((answer) => inspection.set(answer)),
            // Its own error line: a store that cannot be read must not hide the jar.
            Promise.resolve()
              .then(() => lab.inspectServerSession())
              .then(
                (answer) => {
                  sessionId.set(answer);
                  sessionIdError.set('');
                },
                (err: unknown) => sessionIdError.set(`Cannot read the server-side session: ${errorMessage(err)}`),
              ),
          ]),
        { fail },
      )
    : lane.reader(() => api.cookieInspection(), {
        paint: (answer) => {
          inspection.set(answer);
          documentCookie.set({ visible: document.cookie, jar: null });
        },
      });

  return { jar, jarError, inspection, sessionId, sessionIdError, documentCookie, changes: createLog(MAX_CHANGES), wire: createLog(MAX_WIRE_ENTRIES), refresh };
}

// The lab's view of Electron's cookie jar for the server: list, edit, watch.
import type { Cookie, CookiesGetFilter, CookiesSetDetails } from 'electron';
import type { CookieRow, JarChange } from '../../contract';
import { cookieHeaderFor, cookieMatchesHost, cookieUrl, setValueDetails, sortRows, toCookieRow } from './cookie-rows';
import { createChangeBatcher } from './jar-changes';

export type CookieChangedListener = (event: unknown, cookie: Cookie, cause: string, removed: boolean) => void;

/** The part of Electron's `session.cookies` the jar uses; the test mock implements it too. */
export interface CookieStore {
  get(filter: CookiesGetFilter): Promise<Cookie[]>;
  set(details: CookiesSetDetails): Promise<void>;
  remove(url: string, name: string): Promise<void>;
  on(event: 'changed', listener: CookieChangedListener): unknown;
  removeListener(event: 'changed', listener: CookieChangedListener): unknown;
}

export interface CookieJar {
  list(): Promise<CookieRow[]>;
  /** Removes every cookie of that name (all paths); a missing name is not an error. */
  delete(name: string): Promise<void>;
  clear(): Promise<void>;
  /** Writes a new value into an existing cookie, keeping its attributes. */
  setValue(name: string, value: string): Promise<void>;
  /** Value of the named cookie on the root path (the one the server reads), if any. */
  read(name: string): Promise<string | undefined>;
  /** The Cookie header the window would send with a request for `path` on the server, if any. */
  headerFor(path: string): Promise<string | undefined>;
  /** The named cookie on the root path (or its only path), with its attributes, if any. */
  row(name: string): Promise<CookieRow | undefined>;
  /** Creates or overwrites a cookie of the server's origin with exactly these attributes. */
  write(row: CookieRow): Promise<void>;
  /**
   * Puts a copied value back (a replay): into the cookie of that name with its
   * attributes when the jar has one, else as a new host-only cookie with `attributes`.
   */
  putBack(name: string, value: string, attributes: NewCookieAttributes): Promise<void>;
  /** Calls `listener` with grouped changes to the server's cookies; returns an unsubscribe. */
  watch(listener: (changes: JarChange[]) => void): () => void;
}

/** What a cookie the jar does not have yet is written with (its domain is the server's host). */
export type NewCookieAttributes = Pick<CookieRow, 'path' | 'secure' | 'httpOnly' | 'sameSite' | 'expirationDate'>;

export interface CookieJarOptions {
  /** How long to collect change events before pushing them (ms). */
  batchMs?: number;
  now?: () => number;
}

export function createCookieJar(store: CookieStore, serverUrl: string, options: CookieJarOptions = {}): CookieJar {
  const { origin, hostname } = new URL(serverUrl);

  // Filtering by domain (not URL) also finds cookies on other paths, e.g. one a
  // page under /lab/ set through document.cookie.
  const rows = async (): Promise<CookieRow[]> => {
    const cookies = await store.get({ domain: hostname });
    return sortRows(cookies.filter((c) => cookieMatchesHost(c, hostname)).map(toCookieRow));
  };
  const named = async (name: string) => (await rows()).filter((r) => r.name === name);
  const rootRow = async (name: string) => {
    const list = await named(name);
    return list.find((r) => r.path === '/') ?? list[0];
  };
  const removeRows = async (list: CookieRow[]) => {
    for (const row of list) await store.remove(cookieUrl(origin, row), row.name);
  };

  return {
    list: rows,
    delete: async (name) => removeRows(await named(name)),
    clear: async () => removeRows(await rows()),
    async setValue(name, value) {
      const [row] = await named(name);
      if (row === undefined) throw new Error(`There is no cookie named "${name}" to change.`);
      await store.set(setValueDetails(origin, row, value));
    },
    read: async (name) => (await rootRow(name))?.value,
    headerFor: async (path) => cookieHeaderFor(await rows(), `${origin}${path}`),
    row: rootRow,
    async write(row) {
      await store.set(setValueDetails(origin, row, row.value));
    },
    async putBack(name, value, attributes) {
      const existing = await rootRow(name);
      const row: CookieRow = existing ?? { name, value, domain: hostname, hostOnly: true, session: attributes.expirationDate === null, size: 0, ...attributes };
      await store.set(setValueDetails(origin, row, value));
    },
    watch: (listener) => watchCookies(store, (cookie) => cookieMatchesHost(cookie, hostname), listener, options),
  };
}

/**
 * Calls `listener` with grouped changes (an overwrite's two halves as one) to
 * the cookies `matches` accepts: the server's for the lab's jar, every one for
 * the Your app partition. Returns an unsubscribe.
 */
export function watchCookies(
  store: CookieStore,
  matches: (cookie: Cookie) => boolean,
  listener: (changes: JarChange[]) => void,
  options: CookieJarOptions = {},
): () => void {
  const now = options.now ?? Date.now;
  const batcher = createChangeBatcher(listener, options.batchMs);
  const onChanged: CookieChangedListener = (_event, cookie, cause, removed) => {
    if (!matches(cookie)) return;
    batcher.add({ time: now(), name: cookie.name, domain: cookie.domain ?? '', path: cookie.path ?? '/', value: cookie.value, cause, removed });
  };
  store.on('changed', onChanged);
  return () => {
    store.removeListener('changed', onChanged);
    batcher.dispose();
  };
}

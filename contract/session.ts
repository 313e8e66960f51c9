// What a session and its cookie look like to the server, the window and main.

/** A JSON value, as a session payload may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A session's contents: the JSON object cookie-session stores (base64) in the cookie. */
export type SessionPayload = { [key: string]: JsonValue };

/** The session as the app understands it, with the tutorial's sentences. */
export interface SessionState {
  loggedIn: boolean;
  username: string | null;
  visits: number;
  /** The tutorial's sentence: "Logged in as …" or "You are not logged in". */
  message: string;
  /** "Number of visits: N", or null before the first counted visit. */
  visitsMessage: string | null;
  /** What the server warns about this session: near the size limit, sensitive-looking data. */
  warnings: string[];
}

/** A cookie-session value decoded (base64 JSON), or why it is not one. */
export type DecodeResult = { ok: true; payload: Record<string, unknown>; json: string } | { ok: false; error: string };

/** Whether the `.sig` cookie holds for the value with one of the server's keys (0 is the newest). */
export type SignatureVerdict = { state: 'missing' } | { state: 'valid'; keyIndex: number } | { state: 'invalid' };

/** The server's (or main's) view of one session cookie pair, judged with keys that never leave it. */
export interface CookieInspection {
  name: string;
  /** Whether the session cookie was there at all. */
  received: boolean;
  value: string | null;
  signature: string | null;
  /** Bytes of `name=value` plus `name.sig=sig`, what the browser stores and sends. */
  sizeBytes: number;
  sizeLimit: number;
  decoded: DecodeResult | null;
  verdict: SignatureVerdict;
  /** How many keys the server verifies with (index 0 is the newest). */
  keyCount: number;
}

export type CookieSameSite = 'lax' | 'strict' | 'none';
export const COOKIE_SAME_SITE_VALUES = ['lax', 'strict', 'none'] as const satisfies readonly CookieSameSite[];

/** The session cookie's attributes a server option may change (Lab II's switches). */
export interface CookieAttributes {
  /** Hidden from page scripts (document.cookie). On by default. */
  httpOnly: boolean;
  /** Lax by default. 'none' without Secure is refused by current browsers (this server speaks plain HTTP). */
  sameSite: CookieSameSite;
  /** Lifetime; null makes it a browser-session cookie (no Expires). */
  maxAgeMs: number | null;
}

/** Server-side expiry for a client-side session; null turns a limit off. */
export interface ExpiryOptions {
  /** Refuse a session unused for this long. */
  idleMs: number | null;
  /** Refuse a session this long after login. */
  absoluteMs: number | null;
}

/** Lab II's view of what the server believes the session holds. */
export interface LabSessionReport {
  state: SessionState;
  /** Bytes of padding the session holds, as the server sees it. */
  paddingBytes: number;
  /**
   * What the browser must store for this session (0 for an empty one): the bytes
   * of `lab_session=<value>` client-side, of `lab_sid=<signed ID>` server-side.
   */
  cookieBytes: number;
  /** Bytes of the record the store keeps for this session (server-side sessions); null client-side. */
  storedBytes: number | null;
}

/** Where a server keeps its sessions: in the cookie (cookie-session) or in a store, the cookie holding only an ID (express-session). */
export type SessionKind = 'client' | 'server';
export const SESSION_KINDS = ['client', 'server'] as const satisfies readonly SessionKind[];

/** The store behind server-side sessions. */
export type SessionStoreKind = 'sqlite' | 'memory' | 'redis';

/** A session store, as a person should know it. */
export interface SessionStoreView {
  kind: SessionStoreKind;
  /** "SQLite file /…/sessions.sqlite", "memory of this instance only", "Redis at redis://127.0.0.1:6379/0". */
  description: string;
}

/** One record exactly as the store holds it. */
export interface StoredSessionRecord {
  /** The JSON text the store keeps (express-session's cookie options and the session's data). */
  json: string;
  bytes: number;
  /** When the store drops it, ms since the epoch; null: never on its own. */
  expiresAt: number | null;
}

/** The server's (or main's) view of one express-session ID cookie, judged with keys that never leave it. */
export interface SessionIdInspection {
  name: string;
  /** Whether the ID cookie was there at all. */
  received: boolean;
  /** The value as the header carried it (URL-encoded). */
  value: string | null;
  /** The ID inside `s:<id>.<signature>`, when the value has that shape. */
  sid: string | null;
  signature: string | null;
  /** 'missing' also when the value is not `s:<id>.<signature>` (express-session ignores it then). */
  verdict: SignatureVerdict;
  keyCount: number;
  /** Bytes of `name=value`, what the browser stores and sends. */
  sizeBytes: number;
  store: SessionStoreView;
  /**
   * The store's record for the ID, read from the store itself; null when there is
   * none (an unknown, expired or destroyed ID) or the signature does not hold.
   */
  record: StoredSessionRecord | null;
  /** Why the store could not be read, when it could not; else null. */
  storeError: string | null;
}

/** POST /api/logout/everywhere: every session of the user ended, this one included. */
export interface LogoutEverywhereAnswer {
  state: SessionState;
  /** How many sessions (records) the store held for the user and no longer does. */
  ended: number;
}

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
  /** Bytes of `lab_session=<value>` for this session (0 for an empty one): what the browser must store. */
  cookieBytes: number;
}

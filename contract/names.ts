// Names every process agrees on: the session cookies and the lab's own response headers.

/** cookie-session's cookie: base64 JSON of the session. */
export const SESSION_COOKIE_NAME = 'lab_session';
/** Its keygrip signature: HMAC of `lab_session=<value>`. */
export const SIGNATURE_COOKIE_NAME = `${SESSION_COOKIE_NAME}.sig`;

/** The two cookies of a cookie-session session: the payload and its signature. */
export interface SessionCookieNames {
  session: string;
  signature: string;
}
export const SESSION_COOKIES: Readonly<SessionCookieNames> = Object.freeze({ session: SESSION_COOKIE_NAME, signature: SIGNATURE_COOKIE_NAME });
/** express-session's cookie: only the session's ID, `s:<id>.<signature>` URL-encoded. */
export const SESSION_ID_COOKIE_NAME = 'lab_sid';
/**
 * Where the lab server passes requests on to its server-side instance (Lab III):
 * `/server-side/api/login` is that instance's `/api/login`, on the window's own origin.
 */
export const SERVER_SIDE_PREFIX = '/server-side';
/** What the session store did for a request: "reads=1 writes=1 ms=0.21" (server-side sessions only). */
export const STORE_HEADER = 'Session-Lab-Store';
/** Names the instance that answered (Lab II's scale-out): "A" or "B". */
export const INSTANCE_HEADER = 'Session-Lab-Instance';
/** Set when the server refused the session as expired: "idle", "absolute", "unstamped" or "future" (a stamp ahead of its clock). */
export const EXPIRED_HEADER = 'Session-Lab-Expired';

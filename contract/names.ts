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
/** Names the instance that answered (Lab II's scale-out): "A" or "B". */
export const INSTANCE_HEADER = 'Session-Lab-Instance';
/** Set when the server refused the session as expired: "idle", "absolute", "unstamped" or "future" (a stamp ahead of its clock). */
export const EXPIRED_HEADER = 'Session-Lab-Expired';

// Names every process agrees on: the session cookies and the lab's own response headers.

/** cookie-session's cookie: base64 JSON of the session. */
export const SESSION_COOKIE_NAME = 'lab_session';
/** Its keygrip signature: HMAC of `lab_session=<value>`. */
export const SIGNATURE_COOKIE_NAME = `${SESSION_COOKIE_NAME}.sig`;
/** Names the instance that answered (Lab II's scale-out): "A" or "B". */
export const INSTANCE_HEADER = 'Session-Lab-Instance';
/** Set when the server refused the session as expired: "idle", "absolute" or "unstamped". */
export const EXPIRED_HEADER = 'Session-Lab-Expired';

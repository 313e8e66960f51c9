// The seam between the routes and the two session engines. Routes read and
// write `req.session` as cookie-session gives it (a plain object: assign a
// field, delete one, or set `req.session = null` to clear), whichever engine
// runs; what differs (where the data lives, what the cookie holds, what a
// request costs) is behind this interface. See client-session.ts and server-session.ts.
import type { Request, RequestHandler } from 'express';
import type { SessionKind } from '../../contract';

export interface SessionEngine {
  readonly kind: SessionKind;
  /** Mounted after the guards and before the body parsers and routes. */
  readonly middleware: readonly RequestHandler[];
  /** What the browser must store for this request's session: the cookie bytes (0 when it has none). */
  cookieBytes(req: Request): number;
  /** Bytes of the record the store keeps for this session after the request; null client-side. */
  storedBytes(req: Request): number | null;
  /** Ends every session of `username`, on every device; how many there were. Client-side it cannot (an HttpError 409 says why). */
  endSessionsOf(username: string): Promise<number>;
}

/**
 * A session's own warnings (size, sensitive data), by engine: a session object
 * may carry them under this key (server-side sessions do), else they are the
 * cookie's (session-warnings.ts).
 */
export const WARNINGS_OF = Symbol('session warnings');

export function ownWarnings(session: object): string[] | null {
  const own = (session as { [WARNINGS_OF]?: () => string[] })[WARNINGS_OF];
  return typeof own === 'function' ? own.call(session) : null;
}

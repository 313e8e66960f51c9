// Drops a session cookie too large for any browser to have stored.
import type { RequestHandler } from 'express';
import { COOKIE_BYTES_LIMIT } from '../../contract';

/**
 * A browser never sends a cookie over ~4 KB, so one that arrives is forged or
 * broken: the pair is removed from the request and the visitor has no session.
 */
export function dropOversizedCookie(name: string): RequestHandler {
  const names = new Set([name, `${name}.sig`]);
  return (req, _res, next) => {
    const header = req.headers.cookie;
    if (header === undefined || header.length <= COOKIE_BYTES_LIMIT) return next();
    const pairs = header.split(';');
    const session = pairs.find((p) => p.trim().startsWith(`${name}=`));
    if (session !== undefined && Buffer.byteLength(session.trim()) > COOKIE_BYTES_LIMIT) {
      req.headers.cookie = pairs.filter((p) => !names.has(p.split('=')[0]?.trim() ?? '')).join(';');
    }
    next();
  };
}

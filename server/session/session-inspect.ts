// The server's own view of the session cookie a request carried.
import http from 'node:http';
import net from 'node:net';
import Cookies from 'cookies';
import { COOKIE_BYTES_LIMIT, type CookieInspection } from '../../contract';
import { decodeSessionValue, verifySessionSignature } from './session-codec';

export function inspectSessionPair(name: string, value: string | undefined, sig: string | undefined, keys: readonly string[]): CookieInspection {
  const received = value !== undefined;
  const sizeBytes = (received ? Buffer.byteLength(`${name}=${value}`) : 0) + (sig === undefined ? 0 : Buffer.byteLength(`${name}.sig=${sig}`));
  return {
    name,
    received,
    value: value ?? null,
    signature: sig ?? null,
    sizeBytes,
    sizeLimit: COOKIE_BYTES_LIMIT,
    decoded: received ? decodeSessionValue(value) : null,
    verdict: received ? verifySessionSignature(name, value, sig, keys) : { state: 'missing' },
    keyCount: keys.length,
  };
}

/**
 * Reads one cookie from a Cookie header exactly as cookie-session does: through
 * the same `cookies` module (cookie-session pins it; package.json pins the same
 * version). Its rules differ from other parsers': the first of two same-named
 * cookies wins, no space may stand before "=", a value is taken raw up to ";",
 * and one pair of surrounding quotes is dropped. Reading it any other way would
 * call a cookie valid that the server ignores, or the other way round.
 */
export function readCookieAsCookieSession(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header === '') return undefined;
  // A real (unconnected) request object: `cookies` reads only its Cookie header.
  const req = new http.IncomingMessage(new net.Socket());
  req.headers.cookie = header;
  return new Cookies(req, new http.ServerResponse(req)).get(name, { signed: false });
}

/** Inspects the session cookie pair in a Cookie header, as the server that receives it would read it. */
export function inspectCookieHeader(header: string | undefined, name: string, keys: readonly string[]): CookieInspection {
  return inspectSessionPair(name, readCookieAsCookieSession(header, name), readCookieAsCookieSession(header, `${name}.sig`), keys);
}

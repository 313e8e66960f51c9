// The server's own view of the session cookie a request carried.
import { parse } from 'cookie';
import { COOKIE_BYTES_LIMIT, type CookieInspection } from '../../contract';
import { decodeSessionValue, verifySessionSignature } from './session-codec';

export function inspectSessionPair(
  name: string,
  value: string | undefined,
  sig: string | undefined,
  keys: readonly string[],
): CookieInspection {
  const received = value !== undefined;
  const sizeBytes =
    (received ? Buffer.byteLength(`${name}=${value}`) : 0) +
    (sig === undefined ? 0 : Buffer.byteLength(`${name}.sig=${sig}`));
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

/** Inspects the session cookie in a raw Cookie request header. */
export function inspectCookieHeader(header: string | undefined, name: string, keys: readonly string[]): CookieInspection {
  // Values are taken raw, as cookie-session's `cookies` reads them: no URI decoding.
  const jar = header ? parse(header, { decode: (v) => v }) : {};
  return inspectSessionPair(name, jar[name], jar[`${name}.sig`], keys);
}

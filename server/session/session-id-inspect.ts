// The server's own view of the express-session ID cookie a request carried:
// the ID, whether the server's keys signed it, and the store's record for it.
import { parse } from 'cookie';
import signature from 'cookie-signature';
import { errorMessage, type SessionIdInspection, type SignatureVerdict } from '../../contract';
import type { SessionStoreHandle } from '../session-store/session-store';

/**
 * Reads one cookie as express-session does (through `cookie`'s parser, 0.7 in
 * express-session): the first of two same-named cookies wins, one pair of
 * surrounding quotes is dropped, and the value is URL-decoded when it can be.
 * A parity test holds this to express-session's own verdict.
 */
export function readCookieAsExpressSession(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header === '') return undefined;
  const raw = parse(header, { decode: (v) => v })[name];
  if (raw === undefined) return undefined;
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!unquoted.includes('%')) return unquoted;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}

/** Which key (newest first) signed `s:<id>.<sig>`, and the ID. */
export function verifySessionId(value: string, keys: readonly string[]): { sid: string | null; signature: string | null; verdict: SignatureVerdict } {
  // express-session ignores a value without its "s:" mark: as good as no cookie.
  if (!value.startsWith('s:')) return { sid: null, signature: null, verdict: { state: 'missing' } };
  const signed = value.slice(2);
  const dot = signed.lastIndexOf('.');
  const sid = dot === -1 ? signed : signed.slice(0, dot);
  const sig = dot === -1 ? null : signed.slice(dot + 1);
  const keyIndex = keys.findIndex((key) => signature.unsign(signed, key) !== false);
  return { sid, signature: sig, verdict: keyIndex >= 0 ? { state: 'valid', keyIndex } : { state: 'invalid' } };
}

/** The ID cookie in a Cookie header as the server reads it, with the store's record when the signature holds. */
export async function inspectSessionIdHeader(
  header: string | undefined,
  name: string,
  keys: readonly string[],
  handle: SessionStoreHandle,
): Promise<SessionIdInspection> {
  const raw = header === undefined ? undefined : (parse(header, { decode: (v) => v })[name] ?? undefined);
  const value = readCookieAsExpressSession(header, name);
  const base = { name, keyCount: keys.length, store: handle.view, record: null, storeError: null };
  if (value === undefined || raw === undefined) {
    return { ...base, received: false, value: null, sid: null, signature: null, verdict: { state: 'missing' }, sizeBytes: 0 };
  }
  const checked = verifySessionId(value, keys);
  const inspection: SessionIdInspection = { ...base, received: true, value: raw, ...checked, sizeBytes: Buffer.byteLength(`${name}=${raw}`) };
  if (checked.verdict.state !== 'valid' || checked.sid === null) return inspection;
  try {
    return { ...inspection, record: await handle.record(checked.sid) };
  } catch (err) {
    return { ...inspection, storeError: `The store (${handle.view.description}) could not be read: ${errorMessage(err)}` };
  }
}

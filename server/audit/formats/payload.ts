// Payload helpers the formats share: showing bytes as JSON or text, reading the
// JSON a person wants signed, and the zlib rule itsdangerous and Django follow.
import zlib from 'node:zlib';
import { JsonTreeError, parseJsonTree, toPlain, type JsonNode } from '../codec/json-tree';
import { isUtf8 } from '../text/escape';
import { SignError, type PayloadView } from './format';

/** A cookie is at most a few KB; inflating more than this is a zip bomb, not a session. */
const MAX_INFLATED = 1024 * 1024;

/** How the bytes read: JSON, else text, else bytes (base64 in the view). */
/** A readable payload as plain data, for the cookie audit's sensitive-data rule; null when it is hidden or not text. */
export function plainPayload(view: PayloadView): unknown {
  if (view.kind === 'json') return toPlain(view.tree);
  return view.kind === 'text' ? view.text : null;
}

export function payloadView(bytes: Uint8Array, bytesNote = 'not UTF-8 text'): PayloadView {
  if (!isUtf8(bytes)) return { kind: 'bytes', base64: Buffer.from(bytes).toString('base64'), note: bytesNote };
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return { kind: 'json', tree: parseJsonTree(text) };
  } catch (e) {
    if (e instanceof JsonTreeError && e.message.startsWith('nested deeper')) return { kind: 'hidden', reason: `The JSON is ${e.message}; it is not shown.` };
    return { kind: 'text', text };
  }
}

/** The JSON a person asked to sign, as a tree; a clear SignError otherwise. */
export function jsonPayload(text: string): JsonNode {
  try {
    return parseJsonTree(text);
  } catch (e) {
    throw new SignError(`The payload is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** zlib-inflates a payload, refusing output past a cookie's plausible size; null if not zlib. */
export function inflate(bytes: Uint8Array): Buffer | null {
  try {
    return zlib.inflateSync(bytes, { maxOutputLength: MAX_INFLATED });
  } catch {
    return null;
  }
}

/** itsdangerous' and Django's rule: compress when that saves more than one byte. */
export function maybeCompress(data: Buffer): { bytes: Buffer; compressed: boolean } {
  const compressed = zlib.deflateSync(data);
  return compressed.length < data.length - 1 ? { bytes: compressed, compressed: true } : { bytes: data, compressed: false };
}

/** A timestamp as UTC text, or a note when it is no date at all. */
export function utcDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime())
    ? `${seconds} (not a date)`
    : `${d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.000Z$/, ' UTC')} (${seconds})`;
}

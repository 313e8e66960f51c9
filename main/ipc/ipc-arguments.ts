// Checks what the window sends before it touches the jar: the renderer is not trusted input.
import {
  COOKIE_BYTES_LIMIT,
  COOKIE_SAME_SITE_VALUES,
  CRACK_LISTS,
  FORGE_SIGNERS,
  KEY_ENCODINGS,
  MAX_DECODER_INPUT_CHARS,
  MAX_MAX_AGE_MS,
  MAX_TYPED_KEY_CHARS,
  REPORT_FORMATS,
  WEAK_KEY_CHOICES,
  type ArgsOf,
  type CookieAttributes,
  type InvokeVerb,
  type JsonValue,
  type KeyEncoding,
  type SessionPayload,
  type ViewRect,
} from '../../contract';
import { MAX_VIEW_COORDINATE } from '../target/view-bounds';

/** A forged payload's JSON text: base64 makes it a third bigger, and it must fit in one cookie. */
export const MAX_PAYLOAD_JSON_BYTES = 2048;
/** Nesting deeper than this is no session anyone would write. */
export const MAX_PAYLOAD_DEPTH = 16;

/** Raised for a malformed IPC call; its message reaches the window as the rejection. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}

export type ArgumentParsers = { [V in InvokeVerb]: (args: readonly unknown[]) => ArgsOf<V> };

// Control characters and ';' end a cookie early or are refused by Chromium;
// saying so here is clearer than Chromium's "Failed to set cookie".
function hasForbidden(text: string, alsoForbidden: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || alsoForbidden.includes(char)) return true;
  }
  return false;
}

function count(args: readonly unknown[], expected: number, verb: InvokeVerb): void {
  if (args.length !== expected) throw new InvalidArgumentError(`${verb} takes ${expected} argument(s), got ${args.length}.`);
}

function cookieName(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidArgumentError('A cookie name must be a string.');
  if (raw === '') throw new InvalidArgumentError('A cookie name cannot be empty.');
  if (Buffer.byteLength(raw) > COOKIE_BYTES_LIMIT) throw new InvalidArgumentError(`A cookie name cannot be longer than ${COOKIE_BYTES_LIMIT} bytes.`);
  if (hasForbidden(raw, ';=')) throw new InvalidArgumentError('A cookie name cannot contain control characters, ";" or "=".');
  return raw;
}

function cookieValue(name: string, raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidArgumentError('A cookie value must be a string.');
  if (hasForbidden(raw, ';')) throw new InvalidArgumentError('A cookie value cannot contain control characters or ";".');
  const bytes = Buffer.byteLength(name) + Buffer.byteLength(raw);
  if (bytes > COOKIE_BYTES_LIMIT) {
    throw new InvalidArgumentError(`Name and value together are ${bytes} bytes; a browser keeps at most ${COOKIE_BYTES_LIMIT}.`);
  }
  return raw;
}

// Structured clone lets the window send Dates, Maps, typed arrays, cycles and
// class instances; a session payload is plain JSON, so only JSON is accepted.
function jsonValue(raw: unknown, depth: number, seen: Set<object>): JsonValue {
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new InvalidArgumentError('A session payload can only hold finite numbers (JSON has no NaN or Infinity).');
    return raw;
  }
  if (typeof raw !== 'object') throw new InvalidArgumentError(`A session payload is JSON: a ${typeof raw} cannot be stored in it.`);
  if (depth >= MAX_PAYLOAD_DEPTH) throw new InvalidArgumentError(`A session payload cannot be nested more than ${MAX_PAYLOAD_DEPTH} levels deep.`);
  if (seen.has(raw)) throw new InvalidArgumentError('A session payload cannot refer to itself.');
  seen.add(raw);
  try {
    if (Array.isArray(raw)) return raw.map((item: unknown) => jsonValue(item, depth + 1, seen));
    const proto: unknown = Object.getPrototypeOf(raw);
    if (proto !== Object.prototype && proto !== null)
      throw new InvalidArgumentError('A session payload can only hold plain objects, arrays, text, numbers, booleans and null.');
    // No prototype: a "__proto__" key stays an ordinary key.
    const out = Object.create(null) as Record<string, JsonValue>;
    for (const [key, value] of Object.entries(raw)) out[key] = jsonValue(value, depth + 1, seen);
    return out;
  } finally {
    seen.delete(raw);
  }
}

function sessionPayload(raw: unknown): SessionPayload {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidArgumentError('A session payload must be a JSON object, like {"username": "admin"}.');
  }
  const checked = jsonValue(raw, 0, new Set());
  const json = JSON.stringify(checked);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_PAYLOAD_JSON_BYTES) {
    throw new InvalidArgumentError(`The payload is ${bytes} bytes of JSON; at most ${MAX_PAYLOAD_JSON_BYTES} fit in a session cookie once base64-encoded.`);
  }
  // A fresh object from the JSON text: exactly what cookie-session would store.
  return JSON.parse(json) as SessionPayload;
}

function oneOf<T extends string>(raw: unknown, allowed: readonly T[], what: string): T {
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new InvalidArgumentError(`${what} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  }
  return raw as T;
}

function flag(raw: unknown, what: string): boolean {
  if (typeof raw !== 'boolean') throw new InvalidArgumentError(`${what} must be true or false.`);
  return raw;
}

/** One fast-forward of the lab clock: up to a day at a time. */
export const MAX_CLOCK_STEP_MS = 24 * 60 * 60 * 1000;

function clockStep(raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_CLOCK_STEP_MS) {
    throw new InvalidArgumentError(`The clock moves forward by whole milliseconds, from 1 to ${MAX_CLOCK_STEP_MS} (a day).`);
  }
  return raw;
}

function cookieAttributes(raw: unknown): CookieAttributes {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidArgumentError('Cookie attributes are an object: {httpOnly, sameSite, maxAgeMs}.');
  }
  const given = raw as Record<string, unknown>;
  const keys = Object.keys(given).sort();
  if (keys.join(',') !== 'httpOnly,maxAgeMs,sameSite') throw new InvalidArgumentError('Cookie attributes are exactly {httpOnly, sameSite, maxAgeMs}.');
  const maxAgeMs = given.maxAgeMs;
  if (maxAgeMs !== null && (typeof maxAgeMs !== 'number' || !Number.isInteger(maxAgeMs) || maxAgeMs < 1000 || maxAgeMs > MAX_MAX_AGE_MS)) {
    throw new InvalidArgumentError(`maxAgeMs must be null (a browser-session cookie) or whole milliseconds from 1000 to ${MAX_MAX_AGE_MS}.`);
  }
  return { httpOnly: flag(given.httpOnly, 'httpOnly'), sameSite: oneOf(given.sameSite, COOKIE_SAME_SITE_VALUES, 'sameSite'), maxAgeMs };
}

/** What the address bar may send: the URL check itself (target-url.ts) says why an address is refused. */
export const MAX_TYPED_URL_CHARS = 8192;

function typedUrl(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidArgumentError('An address must be text.');
  if (raw.length > MAX_TYPED_URL_CHARS) throw new InvalidArgumentError(`An address cannot be longer than ${MAX_TYPED_URL_CHARS} characters.`);
  return raw;
}

function viewRect(raw: unknown): ViewRect | null {
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidArgumentError('The view bounds are null or {x, y, width, height}.');
  const given = raw as Record<string, unknown>;
  if (Object.keys(given).sort().join(',') !== 'height,width,x,y') throw new InvalidArgumentError('The view bounds are exactly {x, y, width, height}.');
  const coordinate = (name: 'x' | 'y' | 'width' | 'height'): number => {
    const value = given[name];
    const min = name === 'x' || name === 'y' ? -MAX_VIEW_COORDINATE : 0;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_VIEW_COORDINATE) {
      throw new InvalidArgumentError(`The view's ${name} must be a number from ${min} to ${MAX_VIEW_COORDINATE}.`);
    }
    return value;
  };
  return { x: coordinate('x'), y: coordinate('y'), width: coordinate('width'), height: coordinate('height') };
}

function typedKey(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidArgumentError('A key must be text.');
  if (raw.length > MAX_TYPED_KEY_CHARS) throw new InvalidArgumentError(`A key cannot be longer than ${MAX_TYPED_KEY_CHARS} characters.`);
  return raw;
}

/** What the Decoder reads: text the engine takes whole, so its length is bounded here, before anything reads it. */
function decoderText(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidArgumentError('What the Decoder reads must be text.');
  if (raw.length > MAX_DECODER_INPUT_CHARS) {
    throw new InvalidArgumentError(
      `That is ${raw.length.toLocaleString('en')} characters; the Decoder reads at most ${MAX_DECODER_INPUT_CHARS.toLocaleString('en')} (a whole Cookie header is a few KB).`,
    );
  }
  // Structured clone carries lone UTF-16 surrogates, which no cookie can hold and no encoder writes faithfully.
  if (!raw.isWellFormed()) throw new InvalidArgumentError('The text has a broken character (half of a UTF-16 pair): copy the cookie again.');
  return raw;
}

const noArguments =
  (verb: InvokeVerb) =>
  (args: readonly unknown[]): [] => {
    count(args, 0, verb);
    return [];
  };

/** A verb taking a cookie's name and a value for it. */
const nameAndValue =
  (verb: InvokeVerb) =>
  (args: readonly unknown[]): [string, string] => {
    count(args, 2, verb);
    const name = cookieName(args[0]);
    return [name, cookieValue(name, args[1])];
  };

/** A verb taking a typed key and how it is written. */
const keyAndEncoding =
  (verb: InvokeVerb) =>
  (args: readonly unknown[]): [string, KeyEncoding] => {
    count(args, 2, verb);
    return [typedKey(args[0]), oneOf(args[1], KEY_ENCODINGS, 'The key encoding')];
  };

/** A verb of one argument, checked by `parse`. */
const oneArgument =
  <T>(verb: InvokeVerb, parse: (raw: unknown) => T) =>
  (args: readonly unknown[]): [T] => {
    count(args, 1, verb);
    return [parse(args[0])];
  };

/** One parser per invoke verb: raw IPC arguments in, the contract's typed tuple out. */
export const ARGUMENT_PARSERS: ArgumentParsers = {
  listCookies: noArguments('listCookies'),
  auditJar: noArguments('auditJar'),
  deleteCookie: oneArgument('deleteCookie', cookieName),
  clearCookies: noArguments('clearCookies'),
  setCookieValue: nameAndValue('setCookieValue'),
  putCookieBack: nameAndValue('putCookieBack'),
  inspectSession: noArguments('inspectSession'),
  experimentsState: noArguments('experimentsState'),
  forgeSession: (args) => {
    count(args, 2, 'forgeSession');
    return [sessionPayload(args[0]), oneOf(args[1], FORGE_SIGNERS, 'The signer')];
  },
  crackSessionKey: noArguments('crackSessionKey'),
  startWeakKeyDemo: oneArgument('startWeakKeyDemo', (raw) => oneOf(raw, WEAK_KEY_CHOICES, 'The weak key')),
  restoreStoredKeys: noArguments('restoreStoredKeys'),
  addSigningKey: noArguments('addSigningKey'),
  dropOlderKeys: noArguments('dropOlderKeys'),
  serverLabState: noArguments('serverLabState'),
  setServerExpiry: oneArgument('setServerExpiry', (raw) => flag(raw, 'Expiry on')),
  advanceLabClock: oneArgument('advanceLabClock', clockStep),
  setCookieAttributes: oneArgument('setCookieAttributes', cookieAttributes),
  startSecondInstance: oneArgument('startSecondInstance', (raw) => flag(raw, 'Same keys')),
  stopSecondInstance: noArguments('stopSecondInstance'),
  restoreServerDefaults: noArguments('restoreServerDefaults'),
  inspectServerSession: noArguments('inspectServerSession'),
  sessionKindsState: noArguments('sessionKindsState'),
  startServerSideScaleOut: oneArgument('startServerSideScaleOut', (raw) => flag(raw, 'Shared store')),
  stopServerSideScaleOut: noArguments('stopServerSideScaleOut'),
  openTarget: oneArgument('openTarget', typedUrl),
  targetBack: noArguments('targetBack'),
  targetForward: noArguments('targetForward'),
  targetReload: noArguments('targetReload'),
  targetStop: noArguments('targetStop'),
  targetState: noArguments('targetState'),
  setTargetBounds: oneArgument('setTargetBounds', viewRect),
  inspectTarget: noArguments('inspectTarget'),
  setTargetKey: keyAndEncoding('setTargetKey'),
  forgetTargetKey: noArguments('forgetTargetKey'),
  crackTargetKeys: noArguments('crackTargetKeys'),
  stopTargetCrack: noArguments('stopTargetCrack'),
  clearTarget: noArguments('clearTarget'),
  exportTargetReport: oneArgument('exportTargetReport', (raw) => oneOf(raw, REPORT_FORMATS, 'The report format')),
  decodeCookies: oneArgument('decodeCookies', decoderText),
  decoderReading: noArguments('decoderReading'),
  setDecoderKey: keyAndEncoding('setDecoderKey'),
  forgetDecoderKey: noArguments('forgetDecoderKey'),
  crackDecoded: oneArgument('crackDecoded', (raw) => oneOf(raw, CRACK_LISTS, 'The list to crack with')),
  stopDecoderCrack: noArguments('stopDecoderCrack'),
};

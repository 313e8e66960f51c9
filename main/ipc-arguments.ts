// Checks what the window sends before it touches the jar: the renderer is not trusted input.
import { FORGE_SIGNERS, WEAK_KEY_CHOICES, type CookieAttributes, type InvokeChannel, type InvokeContract, type JsonValue, type SessionPayload } from './bridge-contract';
import { COOKIE_SAME_SITE_VALUES, MAX_MAX_AGE_MS } from '../server/session-cookie';

/** Chromium refuses a cookie whose name plus value passes 4096 bytes. */
export const MAX_COOKIE_BYTES = 4096;
/** A forged payload's JSON text: base64 makes it a third bigger, and it must fit in one cookie. */
export const MAX_PAYLOAD_JSON_BYTES = 2048;
/** Nesting deeper than this is no session anyone would write. */
export const MAX_PAYLOAD_DEPTH = 16;

/** Raised for a malformed IPC call; its message reaches the window as the rejection. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}

export type ArgumentParsers = { [C in InvokeChannel]: (args: readonly unknown[]) => InvokeContract[C]['args'] };

// Control characters and ';' end a cookie early or are refused by Chromium;
// saying so here is clearer than Chromium's "Failed to set cookie".
function hasForbidden(text: string, alsoForbidden: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || alsoForbidden.includes(char)) return true;
  }
  return false;
}

function count(args: readonly unknown[], expected: number, channel: InvokeChannel): void {
  if (args.length !== expected) throw new InvalidArgumentError(`${channel} takes ${expected} argument(s), got ${args.length}.`);
}

function cookieName(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidArgumentError('A cookie name must be a string.');
  if (raw === '') throw new InvalidArgumentError('A cookie name cannot be empty.');
  if (Buffer.byteLength(raw) > MAX_COOKIE_BYTES) throw new InvalidArgumentError(`A cookie name cannot be longer than ${MAX_COOKIE_BYTES} bytes.`);
  if (hasForbidden(raw, ';=')) throw new InvalidArgumentError('A cookie name cannot contain control characters, ";" or "=".');
  return raw;
}

function cookieValue(name: string, raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidArgumentError('A cookie value must be a string.');
  if (hasForbidden(raw, ';')) throw new InvalidArgumentError('A cookie value cannot contain control characters or ";".');
  const bytes = Buffer.byteLength(name) + Buffer.byteLength(raw);
  if (bytes > MAX_COOKIE_BYTES) {
    throw new InvalidArgumentError(`Name and value together are ${bytes} bytes; a browser keeps at most ${MAX_COOKIE_BYTES}.`);
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
    if (proto !== Object.prototype && proto !== null) throw new InvalidArgumentError('A session payload can only hold plain objects, arrays, text, numbers, booleans and null.');
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

const noArguments =
  <C extends InvokeChannel>(channel: C) =>
  (args: readonly unknown[]): [] => {
    count(args, 0, channel);
    return [];
  };

/** One parser per invoke channel: raw IPC arguments in, the contract's typed tuple out. */
export const ARGUMENT_PARSERS: ArgumentParsers = {
  'jar:list': (args) => {
    count(args, 0, 'jar:list');
    return [];
  },
  'jar:delete': (args) => {
    count(args, 1, 'jar:delete');
    return [cookieName(args[0])];
  },
  'jar:clear': (args) => {
    count(args, 0, 'jar:clear');
    return [];
  },
  'jar:set-value': (args) => {
    count(args, 2, 'jar:set-value');
    const name = cookieName(args[0]);
    return [name, cookieValue(name, args[1])];
  },
  'session:inspect': noArguments('session:inspect'),
  'experiments:state': noArguments('experiments:state'),
  'session:forge': (args) => {
    count(args, 2, 'session:forge');
    return [sessionPayload(args[0]), oneOf(args[1], FORGE_SIGNERS, 'The signer')];
  },
  'session:crack': noArguments('session:crack'),
  'keys:weak-demo': (args) => {
    count(args, 1, 'keys:weak-demo');
    return [oneOf(args[0], WEAK_KEY_CHOICES, 'The weak key')];
  },
  'keys:restore': noArguments('keys:restore'),
  'keys:add': noArguments('keys:add'),
  'keys:drop-older': noArguments('keys:drop-older'),
  'server-lab:state': noArguments('server-lab:state'),
  'server-lab:expiry': (args) => {
    count(args, 1, 'server-lab:expiry');
    return [flag(args[0], 'Expiry on')];
  },
  'server-lab:clock': (args) => {
    count(args, 1, 'server-lab:clock');
    return [clockStep(args[0])];
  },
  'server-lab:cookie': (args) => {
    count(args, 1, 'server-lab:cookie');
    return [cookieAttributes(args[0])];
  },
  'server-lab:instance-start': (args) => {
    count(args, 1, 'server-lab:instance-start');
    return [flag(args[0], 'Same keys')];
  },
  'server-lab:instance-stop': noArguments('server-lab:instance-stop'),
  'server-lab:restore': noArguments('server-lab:restore'),
};

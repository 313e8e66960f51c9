// Checks what the window sends before it touches the jar: the renderer is not trusted input.
import type { InvokeChannel, InvokeContract } from './bridge-contract';

/** Chromium refuses a cookie whose name plus value passes 4096 bytes. */
export const MAX_COOKIE_BYTES = 4096;

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
  'session:inspect': (args) => {
    count(args, 0, 'session:inspect');
    return [];
  },
};

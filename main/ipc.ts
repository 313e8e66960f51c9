// Typed IPC for the main process: handlers derived from InvokeContract, events from EventContract.
import { INVOKE_CHANNELS, type EventChannel, type EventContract, type InvokeChannel, type InvokeContract } from './bridge-contract';
import { ARGUMENT_PARSERS } from './ipc-arguments';
import type { SenderEvent } from './sender-check';

/** What each invoke channel does, with the contract's argument and result types. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (...args: InvokeContract[C]['args']) => Promise<InvokeContract[C]['result']> | InvokeContract[C]['result'];
};

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Raised when a call does not come from the lab page; the window sees only the message. */
export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
  constructor(channel: string) {
    super(`Refused ${channel}: the call did not come from the Session Lab page.`);
  }
}

function handleOne<C extends InvokeChannel>(ipc: IpcMainLike, channel: C, isTrusted: (event: SenderEvent) => boolean, handler: InvokeHandlers[C]): void {
  const parse = ARGUMENT_PARSERS[channel];
  ipc.handle(channel, async (event, ...raw) => {
    // Check the sender before even looking at the arguments.
    if (!isTrusted(event)) throw new UntrustedSenderError(channel);
    const args = parse(raw);
    return handler(...args);
  });
}

/**
 * Registers every invoke channel of the contract; each call is refused unless
 * `isTrusted` accepts its sender, and its arguments are validated before the
 * handler runs. Returns a function that unregisters them all.
 */
export function registerInvokeHandlers(ipc: IpcMainLike, isTrusted: (event: SenderEvent) => boolean, handlers: InvokeHandlers): () => void {
  for (const channel of INVOKE_CHANNELS) handleOne(ipc, channel, isTrusted, handlers[channel]);
  return () => {
    for (const channel of INVOKE_CHANNELS) ipc.removeHandler(channel);
  };
}

/** The part of a WebContents that events are pushed to. */
export interface EventReceiver {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Pushes one contract event to the window; a closed window is skipped, not an error. */
export function sendEvent<C extends EventChannel>(target: EventReceiver, channel: C, payload: EventContract[C]): void {
  if (!target.isDestroyed()) target.send(channel, payload);
}

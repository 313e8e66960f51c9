// Typed IPC for the main process: one handler per verb of the bridge contract, one send per event.
import { channelOf, type ArgsOf, type EventVerb, type InvokeVerb, type PayloadOf, type ResultOf } from '../../contract';
import { ARGUMENT_PARSERS } from './ipc-arguments';
import type { SenderEvent } from './sender-check';

/** What each invoke verb of a group (the lab's, the Your app tab's) does, with the contract's argument and result types. */
export type InvokeHandlers<Verbs extends InvokeVerb = InvokeVerb> = {
  [V in Verbs]: (...args: ArgsOf<V>) => Promise<ResultOf<V>> | ResultOf<V>;
};

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Raised when a call does not come from the lab page; the window sees only the message. */
export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
  constructor(verb: string) {
    super(`Refused ${verb}: the call did not come from the Session Lab page.`);
  }
}

function handleOne<V extends InvokeVerb>(ipc: IpcMainLike, verb: V, isTrusted: (event: SenderEvent) => boolean, handler: InvokeHandlers<V>[V]): void {
  const parse = ARGUMENT_PARSERS[verb];
  ipc.handle(channelOf(verb), async (event, ...raw) => {
    // Check the sender before even looking at the arguments.
    if (!isTrusted(event)) throw new UntrustedSenderError(verb);
    const args = parse(raw);
    return handler(...args);
  });
}

/**
 * Registers a group of the contract's invoke verbs (LAB_VERBS, TARGET_VERBS);
 * each call is refused unless `isTrusted` accepts its sender, and its arguments
 * are validated before the handler runs. Returns a function that unregisters them.
 */
export function registerInvokeHandlers<Verbs extends InvokeVerb>(
  ipc: IpcMainLike,
  isTrusted: (event: SenderEvent) => boolean,
  verbs: readonly Verbs[],
  handlers: InvokeHandlers<Verbs>,
): () => void {
  for (const verb of verbs) handleOne(ipc, verb, isTrusted, handlers[verb]);
  return () => {
    for (const verb of verbs) ipc.removeHandler(channelOf(verb));
  };
}

/** The part of a WebContents that events are pushed to. */
export interface EventReceiver {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Pushes one contract event to the window; a closed window is skipped, not an error. */
export function sendEvent<E extends EventVerb>(target: EventReceiver, verb: E, payload: PayloadOf<E>): void {
  if (!target.isDestroyed()) target.send(channelOf(verb), payload);
}

// Decides whether an IPC message really comes from the lab page in the lab window.
import { isOnOrigin } from '../server-origin';

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface TrustedSender {
  /** The server's origin, the only one allowed to call. */
  origin: string;
  /** Whether this web contents id belongs to a lab window (not some other contents). */
  isLabContents(id: number): boolean;
  /** Whether the lab's server is serving the lab now; a server that stopped vouches for no page. */
  isServing(): boolean;
}

/**
 * Trusted only if the message comes from the main frame of a lab window, that
 * frame is on the server's origin right now, and the server is serving the lab.
 * A frame that navigated away, or an iframe of any origin, is refused.
 */
export function isTrustedSender(event: SenderEvent, trusted: TrustedSender): boolean {
  if (!trusted.isServing()) return false;
  const frame = event.senderFrame;
  if (frame === null) return false;
  if (frame.parent !== null) return false;
  if (!trusted.isLabContents(event.sender.id)) return false;
  return isOnOrigin(frame.url, trusted.origin);
}

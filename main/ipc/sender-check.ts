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
}

/**
 * Trusted only if the message comes from the main frame of a lab window, and
 * that frame is on the server's origin right now. A frame that navigated away,
 * or an iframe of any origin, is refused.
 */
export function isTrustedSender(event: SenderEvent, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  if (frame === null) return false;
  if (frame.parent !== null) return false;
  if (!trusted.isLabContents(event.sender.id)) return false;
  return isOnOrigin(frame.url, trusted.origin);
}

// Taps session.webRequest to feed the wire log: Cookie sent, Set-Cookie received.
//
// Electron allows one listener per webRequest event and session, so this module
// owns onBeforeSendHeaders, onHeadersReceived and onErrorOccurred. The window's
// CSP comes from the server's own response header and is left untouched here.
import type { BeforeSendResponse, HeadersReceivedResponse, WebRequestFilter } from 'electron';
import type { WireEntry } from '../../contract';
import { createWireLog, originScope, type RequestFailed, type RequestSent, type ResponseReceived, type TrafficScope } from './wire-log';

/** The part of Electron's `session.webRequest` the traffic tap uses. */
export interface WebRequestTap {
  onBeforeSendHeaders(filter: WebRequestFilter, listener: ((details: RequestSent, callback: (response: BeforeSendResponse) => void) => void) | null): void;
  onHeadersReceived(
    filter: WebRequestFilter,
    listener: ((details: ResponseReceived, callback: (response: HeadersReceivedResponse) => void) => void) | null,
  ): void;
  onErrorOccurred(filter: WebRequestFilter, listener: ((details: RequestFailed) => void) | null): void;
}

/**
 * Reports every request in `scope` (an origin: the lab's server; or WEB_SCOPE)
 * as a WireEntry once its response headers (or its failure) arrive. Requests
 * pass through unchanged. Returns a stop function.
 */
export function watchTraffic(
  webRequest: WebRequestTap,
  scope: string | TrafficScope,
  push: (entry: WireEntry) => void,
  now: () => number = Date.now,
): () => void {
  const within = typeof scope === 'string' ? originScope(scope) : scope;
  const log = createWireLog(within, now);
  const filter: WebRequestFilter = { urls: within.patterns };
  // A throw here would surface as an uncaught exception in the main process (an
  // error dialog) for what is only a lost log line.
  const report = (entry: WireEntry | null) => {
    if (entry === null) return;
    try {
      push(entry);
    } catch (err) {
      console.error('Session Lab: could not report a request to the window:', err);
    }
  };

  webRequest.onBeforeSendHeaders(filter, (details, callback) => {
    try {
      log.requestSent(details);
    } finally {
      // Without requestHeaders Electron would send the request with none at all.
      callback({ requestHeaders: details.requestHeaders });
    }
  });
  webRequest.onHeadersReceived(filter, (details, callback) => {
    try {
      report(log.responseReceived(details));
    } finally {
      // An empty response keeps the server's headers (Set-Cookie, CSP) as they are.
      callback({});
    }
  });
  webRequest.onErrorOccurred(filter, (details) => report(log.requestFailed(details)));

  return () => {
    webRequest.onBeforeSendHeaders(filter, null);
    webRequest.onHeadersReceived(filter, null);
    webRequest.onErrorOccurred(filter, null);
  };
}

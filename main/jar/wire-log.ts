// Pairs each request a session sends with the response headers it gets: the lab
// window's requests to its server, or the Your app view's to any http(s) URL.
import type { WireEntry } from '../../contract';
import { isOnOrigin, pathAndQuery } from '../server-origin';

/** Which requests a log keeps, and how it names them. */
export interface TrafficScope {
  /** Electron's match patterns for the webRequest filter. */
  patterns: string[];
  includes(url: string): boolean;
  /** What the log shows for a request's URL. */
  label(url: string): string;
}

/**
 * Exactly one origin, each request named by its path: the lab's server. The
 * match patterns leave the port out (any port on the host); `includes` keeps
 * only the exact origin.
 */
export function originScope(origin: string): TrafficScope {
  const { protocol, hostname } = new URL(origin);
  return { patterns: [`${protocol}//${hostname}/*`], includes: (url) => isOnOrigin(url, origin), label: pathAndQuery };
}

/** Every http and https request, each named by its whole URL: the Your app view, which spans origins. */
export const WEB_SCOPE: TrafficScope = {
  patterns: ['http://*/*', 'https://*/*'],
  includes: (url) => /^https?:/i.test(url),
  label: (url) => url,
};

const scopeOf = (scope: string | TrafficScope): TrafficScope => (typeof scope === 'string' ? originScope(scope) : scope);

/** What onBeforeSendHeaders reports that the log needs. */
export interface RequestSent {
  id: number;
  url: string;
  method: string;
  requestHeaders: Record<string, string>;
}

/** What onHeadersReceived reports that the log needs. */
export interface ResponseReceived {
  id: number;
  url: string;
  statusCode: number;
  responseHeaders?: Record<string, string[]>;
}

/** What onErrorOccurred reports that the log needs. */
export interface RequestFailed {
  id: number;
  url: string;
}

/** Values of a header, whatever case the peer used for its name. */
export function headerValues(headers: Record<string, string | string[]> | undefined, name: string): string[] {
  if (headers === undefined) return [];
  const wanted = name.toLowerCase();
  return Object.entries(headers)
    .filter(([key]) => key.toLowerCase() === wanted)
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]));
}

/** The lab's own response headers (Session-Lab-*), as "Name: value" lines in a stable order. */
export function labHeaderLines(headers: Record<string, string | string[]> | undefined): string[] {
  if (headers === undefined) return [];
  return Object.entries(headers)
    .filter(([key]) => key.toLowerCase().startsWith('session-lab-'))
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${canonicalName(key)}: ${v}`))
    .sort();
}

// Electron and CDP report header names in the peer's case (Node sends them lower-case).
function canonicalName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`);
}

export interface WireLog {
  requestSent(details: RequestSent): void;
  /** The finished entry, or null for a request that is not ours or was never seen. */
  responseReceived(details: ResponseReceived): WireEntry | null;
  /** An entry with no status for a request of ours that failed before any response. */
  requestFailed(details: RequestFailed): WireEntry | null;
}

interface Pending {
  method: string;
  path: string;
  cookieSent: string | null;
}

// Requests normally end in a response or an error; the cap only guards against
// a request that silently vanishes, so the map cannot grow without bound.
const MAX_PENDING = 256;

/** @param scope an origin (the lab's server) or a TrafficScope. */
export function createWireLog(scope: string | TrafficScope, now: () => number = Date.now): WireLog {
  const { includes, label } = scopeOf(scope);
  const pending = new Map<number, Pending>();
  let sequence = 0;

  const finish = (id: number, status: number | null, setCookies: string[], labHeaders: string[] = []): WireEntry | null => {
    const request = pending.get(id);
    if (request === undefined) return null;
    pending.delete(id);
    // A redirect reuses the request id for the next hop, so the entry id adds a sequence number.
    sequence += 1;
    return { id: `${id}.${sequence}`, time: now(), method: request.method, path: request.path, status, cookieSent: request.cookieSent, setCookies, labHeaders };
  };

  return {
    requestSent(details) {
      if (!includes(details.url)) return;
      const cookies = headerValues(details.requestHeaders, 'cookie');
      pending.delete(details.id);
      pending.set(details.id, {
        method: details.method,
        path: label(details.url),
        cookieSent: cookies.length > 0 ? cookies.join('; ') : null,
      });
      if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
    },
    responseReceived(details) {
      if (!includes(details.url)) return null;
      return finish(details.id, details.statusCode, headerValues(details.responseHeaders, 'set-cookie'), labHeaderLines(details.responseHeaders));
    },
    requestFailed(details) {
      if (!includes(details.url)) return null;
      return finish(details.id, null, []);
    },
  };
}

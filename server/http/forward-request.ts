// Passes one request on to another instance of this server on loopback, as a
// reverse proxy does, and streams its answer back (Lab II's balancer, Lab III's
// server-side instance).
import http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error';

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not to the message.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** A loopback http URL with a port, or a TypeError naming `what` ("roundRobin: peerUrl"). */
export function loopbackPeer(url: string, what: string): URL {
  const peer = new URL(url);
  if (peer.protocol !== 'http:' || (peer.hostname !== '127.0.0.1' && peer.hostname !== 'localhost') || peer.port === '') {
    throw new TypeError(`${what} must be http://127.0.0.1:<port>, not ${url}.`);
  }
  return peer;
}

export interface ForwardOptions {
  peer: URL;
  /** The path and query to ask the peer for. */
  path: string;
  timeoutMs: number;
  /** The sentence when the peer does not answer, after "<peer> did not answer: <why>." */
  unreachable: (why: string) => string;
  /** Rewrites the peer's Location header (a redirect under a path prefix). */
  location?: (value: string) => string;
}

/**
 * Host and Origin are rewritten to the peer's own, or the peer's guards would
 * rightly refuse them; the request has already passed this instance's guards.
 * The body is streamed on untouched.
 */
export function forwardRequest(req: Request, res: Response, next: NextFunction, options: ForwardOptions): void {
  const { peer, timeoutMs } = options;
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  }
  headers.host = peer.host;
  if (headers.origin !== undefined) headers.origin = peer.origin;
  headers['x-forwarded-host'] = req.headers.host;
  headers.connection = 'close';

  const upstream = http.request({ hostname: peer.hostname, port: peer.port, method: req.method, path: options.path, headers, timeout: timeoutMs }, (answer) => {
    res.status(answer.statusCode ?? 502);
    for (const [name, value] of Object.entries(answer.headers)) {
      if (HOP_BY_HOP.has(name) || value === undefined) continue;
      res.setHeader(name, name === 'location' && options.location && typeof value === 'string' ? options.location(value) : value);
    }
    answer.pipe(res);
  });
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${timeoutMs} ms`)));
  upstream.on('error', (err) => {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    next(new HttpError(502, options.unreachable(err.message)));
  });
  req.pipe(upstream);
}

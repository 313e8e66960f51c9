// A tiny round-robin balancer for the lab's session API: every other request is
// passed to a second instance of the server (Lab II's scale-out experiment).
//
// The window stays on one origin (instance A's); A alternates between answering
// itself and forwarding to B. Cookies are per host, not per port, so a browser
// would share them between two loopback servers anyway; the balancer makes the
// alternation exact and visible: every response names its instance in a header.
import type { RequestHandler } from 'express';
import { INSTANCE_HEADER } from '../../contract';
import { forwardRequest, loopbackPeer } from './forward-request';

/** The session API paths that are balanced; everything else (the page, to-dos) stays on A. */
export const BALANCED_PATHS: readonly string[] = ['/api/session', '/api/login', '/api/logout', '/api/counter', '/api/lab/'];

export function isBalanced(path: string): boolean {
  return BALANCED_PATHS.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p || path.startsWith(`${p}/`)));
}

/** Names this instance on every response. */
export function instanceHeader(name: string): RequestHandler {
  return (_req, res, next) => {
    res.setHeader(INSTANCE_HEADER, name);
    next();
  };
}

export interface RoundRobinOptions {
  /** The other instance, e.g. http://127.0.0.1:5001. Only loopback http URLs. */
  peerUrl: string;
  /** How long to wait for the peer's answer (default 10 s). */
  timeoutMs?: number;
}

/**
 * Mount after the host and cross-site guards (this instance has already vetted
 * the request) and before the body parsers (the body is streamed on untouched).
 * Balanced requests alternate: the first is answered here, the second by the
 * peer, and so on. Host and Origin are rewritten to the peer's own, as a reverse
 * proxy does, or the peer's guards would rightly refuse them.
 */
export function roundRobin(options: RoundRobinOptions): RequestHandler {
  const peer = loopbackPeer(options.peerUrl, 'roundRobin: peerUrl');
  const timeoutMs = options.timeoutMs ?? 10_000;
  let turn = 0;
  return (req, res, next) => {
    if (!isBalanced(req.path)) return next();
    turn += 1;
    if (turn % 2 === 1) return next();

    forwardRequest(req, res, next, {
      peer,
      path: req.originalUrl,
      timeoutMs,
      unreachable: (why) => `Instance B (${peer.host}) did not answer: ${why}. Stop the second instance in Lab II, or start it again.`,
    });
  };
}

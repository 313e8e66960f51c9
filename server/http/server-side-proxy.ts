// Lab III: the window's own origin reaches the server-side instance(s) under
// SERVER_SIDE_PREFIX. /server-side/api/login is passed on as /api/login, a
// redirect to / comes back as /server-side/, and the ID cookie (Path=/) lands
// in the window's jar beside the client-side pair, under its own name. With
// two server-side instances (the scale-out experiment) requests alternate.
import type { RequestHandler } from 'express';
import { SERVER_SIDE_PREFIX } from '../../contract';
import { forwardRequest, loopbackPeer } from './forward-request';
import { HttpError } from './http-error';

export interface ServerSideProxyOptions {
  /** The server-side instances now (read on every request: Lab III changes them without restarting this server). */
  peers: () => readonly string[];
  timeoutMs?: number;
}

export function serverSideProxy(options: ServerSideProxyOptions): RequestHandler {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let turn = 0;
  return (req, res, next) => {
    const url = req.originalUrl;
    if (url !== SERVER_SIDE_PREFIX && !url.startsWith(`${SERVER_SIDE_PREFIX}/`)) return next();
    const peers = options.peers();
    if (peers.length === 0) return next(new HttpError(503, 'No server-side instance is running.'));
    const peer = loopbackPeer(peers[turn++ % peers.length]!, 'serverSideProxy: a peer');
    forwardRequest(req, res, next, {
      peer,
      path: url.slice(SERVER_SIDE_PREFIX.length) || '/',
      timeoutMs,
      unreachable: (why) => `The server-side instance (${peer.host}) did not answer: ${why}.`,
      location: (value) => (value.startsWith('/') && !value.startsWith('//') ? `${SERVER_SIDE_PREFIX}${value}` : value),
    });
  };
}

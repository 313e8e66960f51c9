// Rejects requests whose Host is not this server's own loopback name and port.
//
// A page on evil.example can rebind its DNS name to 127.0.0.1 and then talk to
// us "same-origin"; its requests still carry Host: evil.example, so we refuse them.
import type { RequestHandler } from 'express';
import { HttpError } from './http-error';

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const;

export function isOwnHost(host: string | undefined, port: number | undefined): boolean {
  if (host === undefined || port === undefined) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}`);
}

export function hostGuard(): RequestHandler {
  return (req, _res, next) => {
    // The port the client actually connected to: right whatever port we were given.
    const port = req.socket.localPort;
    if (isOwnHost(req.headers.host, port)) return next();
    next(new HttpError(421, `This server only answers to http://127.0.0.1:${port ?? ''}/ (the Host header was ${JSON.stringify(req.headers.host ?? '')}).`));
  };
}

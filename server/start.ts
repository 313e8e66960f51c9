// Starts the app on 127.0.0.1 and hands back its URL and a way to stop it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app';
import { inspectSessionPair, type CookieInspection } from './session-inspect';
import { SESSION_COOKIE_NAME } from './session-cookie';

export const LOOPBACK = '127.0.0.1';

export interface StartOptions extends AppOptions {
  /** 0 (the default) picks a free ephemeral port. */
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Checks a session cookie pair against this server's keys; keys never leave. */
  inspect(value: string | undefined, sig: string | undefined): CookieInspection;
  close(): Promise<void>;
}

/** Listening failed; the message says why in words a person can act on. */
export class ListenError extends Error {
  override name = 'ListenError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export function startServer(options: StartOptions): Promise<RunningServer> {
  const app = createApp(options);
  const keys = [...options.keys];
  const server = http.createServer(app);
  // Slowloris-style clients must not pin the app open.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, options.port ?? 0)));
    server.listen(options.port ?? 0, LOOPBACK, () => {
      const { port } = server.address() as AddressInfo;
      // close() may be called from several places (quit, signals, tests): once is enough.
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${LOOPBACK}:${port}`,
        port,
        inspect: (value, sig) => inspectSessionPair(SESSION_COOKIE_NAME, value, sig, keys),
        close: () => (closing ??= closeServer(server)),
      });
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive sockets would hold close() open; nothing is mid-request here.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  });
}

function listenError(err: NodeJS.ErrnoException, port: number): ListenError {
  switch (err.code) {
    case 'EADDRINUSE':
      return new ListenError(`Port ${port} on ${LOOPBACK} is already in use. Stop the program using it, or choose another port (--port N or PORT=N).`, err.code);
    case 'EACCES':
      return new ListenError(`Not allowed to listen on port ${port}. Ports below 1024 need special rights; choose a port from 1024 to 65535.`, err.code);
    default:
      return new ListenError(`Cannot listen on ${LOOPBACK}:${port}: ${err.message}`, err.code);
  }
}

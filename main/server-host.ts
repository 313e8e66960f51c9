// Keeps the lab's server running and can restart it with other keys on the same port,
// so the window's origin (and with it the sender check and the cookie jar) stays valid.
import type { RunningServer } from '../server';

/** Starts the server with these keys on this port (0: any free port). */
export type StartServerOn = (keys: readonly string[], port: number) => Promise<RunningServer>;

export interface ServerHost {
  /** The server running now; a restart replaces it with one on the same URL. */
  readonly current: RunningServer;
  readonly url: string;
  readonly port: number;
  /** Why the server is not listening after a failed restart, or null. */
  readonly down: string | null;
  /** Closes the server and listens again on the same port with `keys`. */
  restart(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The server could not listen again; the message says what to do. */
export class ServerRestartError extends Error {
  override name = 'ServerRestartError';
}

export interface ServerHostOptions {
  /** Extra tries when the port is briefly busy (default 5). */
  retries?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isAddressInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EADDRINUSE';
}

export async function startServerHost(start: StartServerOn, keys: readonly string[], options: ServerHostOptions = {}): Promise<ServerHost> {
  const { retries = 5, retryDelayMs = 100, sleep = wait } = options;
  let server = await start(keys, 0);
  const { port, url } = server;
  let down: string | null = null;
  // One restart or close at a time, in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const listenAgain = async (next: readonly string[]): Promise<void> => {
    await server.close();
    let busy = false;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs);
      try {
        server = await start(next, port);
        down = null;
        return;
      } catch (err) {
        busy = isAddressInUse(err);
        if (!busy) {
          down = `The lab server stopped and could not start again: ${err instanceof Error ? err.message : String(err)} Quit Session Lab and start it again.`;
          throw new ServerRestartError(down);
        }
      }
    }
    down =
      `Another program took port ${port} while the lab server restarted, so the window's address no longer answers. ` +
      'Quit Session Lab and start it again (it will pick a free port).';
    throw new ServerRestartError(down);
  };

  return {
    get current() {
      return server;
    },
    url,
    port,
    get down() {
      return down;
    },
    restart: (next) => serial(() => listenAgain(next)),
    close: () => serial(() => server.close()),
  };
}

// Keeps the lab's server running and can restart it with other keys or other
// settings (expiry, cookie attributes, a balancer in front of a second instance)
// on the same port, so the window's origin (and with it the sender check and the
// cookie jar) stays valid.
import { errorMessage, type CookieAttributes, type ExpiryOptions } from '../contract';
import { DEFAULT_COOKIE_ATTRIBUTES, serialQueue, type RunningServer } from '../server';

/** What Lab II may change about the server besides its keys. Everything else stays as main started it. */
export interface ServerSettings {
  /** Server-side expiry (idle / absolute), or null: off, as in the tutorial. */
  expiry: ExpiryOptions | null;
  cookie: CookieAttributes;
  /** A second instance every other session-API request is forwarded to, or null. */
  balanceTo: string | null;
}

export const DEFAULT_SERVER_SETTINGS: Readonly<ServerSettings> = Object.freeze({ expiry: null, cookie: { ...DEFAULT_COOKIE_ATTRIBUTES }, balanceTo: null });

/** Starts the server with these keys and settings on this port (0: any free port). */
export type StartServerOn = (keys: readonly string[], port: number, settings: ServerSettings) => Promise<RunningServer>;

export interface ServerHost {
  /** The server running now; a restart replaces it with one on the same URL. */
  readonly current: RunningServer;
  readonly url: string;
  readonly port: number;
  /** The keys and settings the server runs with now (after a failed restart: those it was asked for). */
  readonly keys: readonly string[];
  readonly settings: ServerSettings;
  /** Why the server is not listening after a failed restart, or null. */
  readonly down: string | null;
  /** Closes the server and listens again on the same port with `keys` (and the current settings). */
  restart(keys: readonly string[]): Promise<void>;
  /** The same with the current keys and these settings changed. */
  reconfigure(change: Partial<ServerSettings>): Promise<void>;
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
  /** The settings of the first start (default DEFAULT_SERVER_SETTINGS). */
  settings?: ServerSettings;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isAddressInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EADDRINUSE';
}

export async function startServerHost(start: StartServerOn, keys: readonly string[], options: ServerHostOptions = {}): Promise<ServerHost> {
  const { retries = 5, retryDelayMs = 100, sleep = wait } = options;
  let currentKeys = [...keys];
  let settings: ServerSettings = options.settings ?? { ...DEFAULT_SERVER_SETTINGS };
  let server = await start(currentKeys, 0, settings);
  const { port, url } = server;
  let down: string | null = null;
  // One restart or close at a time, in the order asked.
  const serial = serialQueue().run;

  const listenAgain = async (next: readonly string[], nextSettings: ServerSettings): Promise<void> => {
    await server.close();
    currentKeys = [...next];
    settings = nextSettings;
    let busy = false;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs);
      try {
        server = await start(currentKeys, port, settings);
        down = null;
        return;
      } catch (err) {
        busy = isAddressInUse(err);
        if (!busy) {
          down = `The lab server stopped and could not start again: ${errorMessage(err)} Quit Session Lab and start it again.`;
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
    get keys() {
      return currentKeys;
    },
    get settings() {
      return settings;
    },
    get down() {
      return down;
    },
    restart: (next) => serial(() => listenAgain(next, settings)),
    reconfigure: (change) => serial(() => listenAgain(currentKeys, { ...settings, ...change })),
    close: () => serial(() => server.close()),
  };
}

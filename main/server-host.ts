// Keeps the lab's server on one socket for the app's whole life, and changes what
// it serves: other keys (Lab I) or other settings (Lab II: expiry, cookie
// attributes, a balancer in front of a second instance).
//
// A "restart" never lets go of the port. The server swaps in an app built with
// the new keys and settings (RunningServer.reconfigure), so the window's origin,
// the sender check and the cookie jar stay valid, and no other program on this
// computer can take the port in between and serve the window its own page.
import { errorMessage, type CookieAttributes, type ExpiryOptions } from '../contract';
import { DEFAULT_COOKIE_ATTRIBUTES, serialQueue, type Reconfigurable, type RunningServer } from '../server';

/** What Lab II may change about the server besides its keys. Everything else stays as main started it. */
export interface ServerSettings {
  /** Server-side expiry (idle / absolute), or null: off, as in the tutorial. */
  expiry: ExpiryOptions | null;
  cookie: CookieAttributes;
  /** A second instance every other session-API request is forwarded to, or null. */
  balanceTo: string | null;
}

export const DEFAULT_SERVER_SETTINGS: Readonly<ServerSettings> = Object.freeze({ expiry: null, cookie: { ...DEFAULT_COOKIE_ATTRIBUTES }, balanceTo: null });

/** Starts the server, once, with these keys and settings. */
export type StartServerWith = (keys: readonly string[], settings: ServerSettings) => Promise<RunningServer>;
/** The app options that keys and settings stand for (main adds the instance name while balancing). */
export type OptionsFor = (keys: readonly string[], settings: ServerSettings) => Partial<Reconfigurable>;

export interface ServerHost {
  /** The one server, for the app's whole life. */
  readonly current: RunningServer;
  readonly url: string;
  readonly port: number;
  /** The keys and settings the server runs with now. */
  readonly keys: readonly string[];
  readonly settings: ServerSettings;
  /** Why the server stopped serving the lab (a change it could not take on), or null. Final. */
  readonly down: string | null;
  /** Serves with `keys` (and the current settings) from the next request on. */
  restart(keys: readonly string[]): Promise<void>;
  /** The same with the current keys and these settings changed. */
  reconfigure(change: Partial<ServerSettings>): Promise<void>;
  /** Called once if the server goes down; returns an unsubscribe. */
  onDown(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

/** The server could not take on a change; the message says what to do. */
export class ServerRestartError extends Error {
  override name = 'ServerRestartError';
}

export interface ServerHostOptions {
  /** The settings of the first start (default DEFAULT_SERVER_SETTINGS). */
  settings?: ServerSettings;
  /** How keys and settings become app options (default: exactly those). */
  optionsFor?: OptionsFor;
}

const plainOptions: OptionsFor = (keys, settings) => ({ keys: [...keys], ...settings });

export async function startServerHost(start: StartServerWith, keys: readonly string[], options: ServerHostOptions = {}): Promise<ServerHost> {
  const optionsFor = options.optionsFor ?? plainOptions;
  let currentKeys = [...keys];
  let settings: ServerSettings = options.settings ?? { ...DEFAULT_SERVER_SETTINGS };
  const server = await start(currentKeys, settings);
  let down: string | null = null;
  const downListeners = new Set<(reason: string) => void>();
  // One change or close at a time, in the order asked.
  const serial = serialQueue().run;

  const swap = (nextKeys: readonly string[], nextSettings: ServerSettings): void => {
    if (down !== null) throw new ServerRestartError(down);
    try {
      server.reconfigure(optionsFor(nextKeys, nextSettings));
    } catch (err) {
      // The old app must not go on as if the change had happened: nothing is served but the reason.
      down = `The lab server could not take on the change (${errorMessage(err)}), so it stopped serving the lab. Quit Session Lab and start it again.`;
      server.refuse(down);
      for (const listener of downListeners) listener(down);
      throw new ServerRestartError(down);
    }
    currentKeys = [...nextKeys];
    settings = nextSettings;
  };

  return {
    current: server,
    url: server.url,
    port: server.port,
    get keys() {
      return currentKeys;
    },
    get settings() {
      return settings;
    },
    get down() {
      return down;
    },
    restart: (next) => serial(() => swap(next, settings)),
    reconfigure: (change) => serial(() => swap(currentKeys, { ...settings, ...change })),
    onDown(listener) {
      downListeners.add(listener);
      return () => downListeners.delete(listener);
    },
    close: () => serial(() => server.close()),
  };
}

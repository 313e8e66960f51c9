// Lab II's server switches: server-side expiry with the lab clock, the session
// cookie's attributes, and a second instance behind a round-robin balancer.
//
// Plain logic over the ServerHost and a way to start instance B, so the Electron
// main process and the Chromium e2e harness run this same code. Every change is
// a restart on the same port with the same keys; nothing is written to disk.
import { serialQueue, type RunningServer } from '../../server';
import { errorMessage, type CookieAttributes, type ServerLabState } from '../../contract';
import { DEFAULT_SERVER_SETTINGS, type ServerHost, type ServerSettings } from '../server-host';
import type { LabClock } from './lab-clock';

/** The expiry Lab II turns on: short enough to fast-forward past, long enough to replay inside. */
export const LAB_EXPIRY = Object.freeze({ idleMs: 15 * 60 * 1000, absoluteMs: 60 * 60 * 1000 });

/** Starts instance B on a free port with these keys and settings (never a balancer itself). */
export type StartPeer = (keys: readonly string[], settings: ServerSettings) => Promise<RunningServer>;

export interface ServerLabOptions {
  host: ServerHost;
  clock: LabClock;
  startPeer: StartPeer;
  /** A fresh strong key, for an instance B that does not share A's keys. */
  newKey: () => string;
  /** The server's recent warnings, oldest first. */
  serverLog: () => string[];
}

/** A Lab II step that does not apply now; the window shows its message. */
export class ServerLabError extends Error {
  override name = 'ServerLabError';
}

export interface ServerLab {
  state(): ServerLabState;
  setExpiry(on: boolean): Promise<ServerLabState>;
  advanceClock(ms: number): ServerLabState;
  setCookieAttributes(attributes: CookieAttributes): Promise<ServerLabState>;
  startSecondInstance(sameKeys: boolean): Promise<ServerLabState>;
  stopSecondInstance(): Promise<ServerLabState>;
  restoreDefaults(): Promise<ServerLabState>;
  /** Stops instance B (at quit). */
  close(): Promise<void>;
}

export function createServerLab(options: ServerLabOptions): ServerLab {
  const { host, clock } = options;
  let peer: { server: RunningServer; keys: readonly string[]; sameKeys: boolean } | null = null;

  const serial = serialQueue().run;

  const state = (): ServerLabState => ({
    expiry: host.settings.expiry,
    clockOffsetMs: clock.offsetMs,
    cookie: { ...host.settings.cookie },
    secondInstance: peer === null ? null : { url: peer.server.url, sameKeys: peer.sameKeys },
    serverDown: host.down,
    serverLog: options.serverLog(),
  });

  /**
   * Changes A's settings. A running instance B takes on the same settings first,
   * in place on its own port (it keeps its keys and never balances), so both
   * instances keep behaving alike and A never forwards to a port B let go of.
   */
  const apply = async (change: Partial<ServerSettings>): Promise<ServerLabState> => {
    if (peer !== null) {
      const { expiry, cookie } = { ...host.settings, ...change };
      peer.server.reconfigure({ expiry, cookie });
    }
    await host.reconfigure(change);
    return state();
  };

  /** A stops forwarding first; only then does B let go of its port. */
  const stopPeer = async (): Promise<void> => {
    if (peer === null) return;
    const { server } = peer;
    peer = null;
    try {
      await host.reconfigure({ balanceTo: null });
    } finally {
      await server.close();
    }
  };

  return {
    state,
    setExpiry: (on) =>
      serial(async () => {
        if (on === (host.settings.expiry !== null)) throw new ServerLabError(on ? 'Server-side expiry is already on.' : 'Server-side expiry is already off.');
        // The lab clock only matters to expiry; off means back to real time.
        if (!on) clock.reset();
        return apply({ expiry: on ? { ...LAB_EXPIRY } : null });
      }),
    advanceClock(ms) {
      if (host.settings.expiry === null) throw new ServerLabError('The lab clock only matters to server-side expiry: turn it on first.');
      try {
        clock.advance(ms);
      } catch (err) {
        throw new ServerLabError(errorMessage(err));
      }
      return state();
    },
    setCookieAttributes: (attributes) => serial(() => apply({ cookie: { ...attributes } })),
    startSecondInstance: (sameKeys) =>
      serial(async () => {
        if (peer !== null) throw new ServerLabError('Instance B is already running: stop it first.');
        const keys = sameKeys ? [...host.keys] : [options.newKey()];
        const server = await options.startPeer(keys, { ...host.settings, balanceTo: null });
        peer = { server, keys, sameKeys };
        try {
          await host.reconfigure({ balanceTo: server.url });
        } catch (err) {
          peer = null;
          await server.close();
          throw err;
        }
        return state();
      }),
    stopSecondInstance: () =>
      serial(async () => {
        if (peer === null) throw new ServerLabError('Instance B is not running.');
        await stopPeer();
        return state();
      }),
    restoreDefaults: () =>
      serial(async () => {
        await stopPeer();
        clock.reset();
        await host.reconfigure({ ...DEFAULT_SERVER_SETTINGS, cookie: { ...DEFAULT_SERVER_SETTINGS.cookie } });
        return state();
      }),
    // At quit too, A stops forwarding before B closes (a server that is down forwards nothing).
    close: () => serial(() => stopPeer().catch(() => undefined)),
  };
}

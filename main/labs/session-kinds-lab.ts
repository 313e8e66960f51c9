// Lab III's servers: the server-side instance the window reaches under
// /server-side/ (express-session, on the configured store), and the scale-out
// experiment's two server-side instances, with a memory store each or one
// shared store.
//
// Why a second server and not the lab server's own app under a prefix: an
// instance is what scales out, and what the scale-out experiment multiplies;
// the lab server passes /server-side/ on to whichever instance(s) run now (as
// it passes Lab II's requests to instance B), so the window keeps one origin
// and one jar, and each instance keeps its own store and its own keys' view.
import { errorMessage, type SessionIdInspection, type SessionKindsState, type SessionStoreView } from '../../contract';
import { serialQueue, type RunningServer, type StoreChoice } from '../../server';

/** Starts one server-side instance on a free port (named S1/S2 in the scale-out), with this store. */
export type StartServerSide = (store: StoreChoice, instance: string | null) => Promise<RunningServer>;

export interface SessionKindsLabOptions {
  /** The store of the instance behind /server-side/ (and of a shared scale-out, unless it is memory). */
  store: StoreChoice;
  start: StartServerSide;
  /** Where a store that could not be opened is reported (the instance falls back to memory). */
  log?: (message: string) => void;
}

/** A Lab III step that does not apply now; the window shows its message. */
export class SessionKindsError extends Error {
  override name = 'SessionKindsError';
}

export interface SessionKindsLab {
  state(): SessionKindsState;
  /** Where /server-side/ requests go now, in turn. */
  peers(): readonly string[];
  /** The ID cookie in this Cookie header, as the instance that holds the record sees it. */
  inspect(cookieHeader: string | undefined): Promise<SessionIdInspection>;
  startScaleOut(shared: boolean): Promise<SessionKindsState>;
  stopScaleOut(): Promise<SessionKindsState>;
  close(): Promise<void>;
}

function viewOf(server: RunningServer): SessionStoreView {
  return server.store ?? { kind: 'memory', description: 'memory' };
}

export async function startSessionKindsLab(options: SessionKindsLabOptions): Promise<SessionKindsLab> {
  let store = options.store;
  let primary: RunningServer;
  try {
    primary = await options.start(store, null);
  } catch (err) {
    // The lab goes on without the file (an unwritable data dir): memory, and a sentence saying so.
    (options.log ?? console.warn)(
      `Session Lab: the server-side sessions' store could not be opened (${errorMessage(err)}); Lab III keeps them in memory instead, until Session Lab restarts.`,
    );
    store = { kind: 'memory' };
    primary = await options.start(store, null);
  }
  // A memory store cannot be shared between instances: a shared scale-out then has none.
  const sharedChoice: StoreChoice | null = store.kind === 'memory' ? null : store;
  let scaleOut: { servers: RunningServer[]; shared: boolean } | null = null;
  const serial = serialQueue().run;

  const state = (): SessionKindsState => ({
    serverSide: { url: primary.url, store: viewOf(primary) },
    sharedStore: sharedChoice === null ? null : viewOf(primary),
    scaleOut:
      scaleOut === null
        ? null
        : {
            shared: scaleOut.shared,
            store: scaleOut.shared ? viewOf(scaleOut.servers[0]!) : { kind: 'memory', description: 'memory of each instance, its own' },
            instances: scaleOut.servers.map((s) => s.url),
          },
  });

  const stop = async (): Promise<void> => {
    const running = scaleOut;
    // The proxy stops sending there before the instances let go of their ports.
    scaleOut = null;
    if (running) await Promise.all(running.servers.map((s) => s.close()));
  };

  return {
    state,
    peers: () => (scaleOut === null ? [primary.url] : scaleOut.servers.map((s) => s.url)),
    async inspect(cookieHeader) {
      if (scaleOut === null) return primary.inspectSessionId(cookieHeader);
      // Each memory store holds only what its instance wrote: show the one that has the record.
      const seen = await Promise.all(scaleOut.servers.map((s) => s.inspectSessionId(cookieHeader)));
      return seen.find((s) => s.record !== null) ?? seen[0]!;
    },
    startScaleOut: (shared) =>
      serial(async () => {
        if (scaleOut !== null) throw new SessionKindsError('The two server-side instances are already running: stop them first.');
        if (shared && sharedChoice === null)
          throw new SessionKindsError(
            'There is no store to share: the lab runs without a data directory and no SESSION_STORE, so each instance could only keep its own memory.',
          );
        const choice: StoreChoice = shared ? sharedChoice! : { kind: 'memory' };
        const servers: RunningServer[] = [];
        try {
          for (const name of ['S1', 'S2']) servers.push(await options.start(choice, name));
        } catch (err) {
          await Promise.all(servers.map((s) => s.close()));
          throw new SessionKindsError(`The server-side instances could not start: ${errorMessage(err)}`);
        }
        scaleOut = { servers, shared };
        return state();
      }),
    stopScaleOut: () =>
      serial(async () => {
        if (scaleOut === null) throw new SessionKindsError('The two server-side instances are not running.');
        await stop();
        return state();
      }),
    close: () => serial(() => stop().finally(() => primary.close())),
  };
}

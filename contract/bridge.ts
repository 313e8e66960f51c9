// The bridge between the window and the main process: one map of verbs.
//
// Each invoke verb becomes an IPC channel (channelOf), a parser of its
// arguments and a handler in main, and a function on window.sessionLab; each
// event verb a channel main sends on and a subscription in the window. All of
// them are typed from BRIDGE_INVOKE and BRIDGE_EVENTS below: a verb without a
// parser or a handler fails the typecheck, and the preload builds its verbs
// from the same keys (buildBridge).
import type { PackedJarAudit } from './cookie-audit';
import type { CrackList, DecoderCrackOutcome, DecoderCrackProgress, DecoderReading } from './decoder';
import type { CookieAttributes, CookieInspection, ExpiryOptions, SessionIdInspection, SessionPayload, SessionStoreView } from './session';
import type {
  ExportOutcome,
  KeyEncoding,
  ReportFormat,
  TargetCrackOutcome,
  TargetCrackProgress,
  TargetInspection,
  TargetLogLine,
  TargetState,
  ViewRect,
} from './target';

/** Chromium's SameSite values as Electron reports them. */
export type SameSite = 'unspecified' | 'no_restriction' | 'lax' | 'strict';

/** One cookie in the jar, with every attribute Electron gives. */
export interface CookieRow {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** A browser-session cookie: no expiry, gone when the app quits. */
  session: boolean;
  /** Seconds since the epoch; null for a session cookie. */
  expirationDate: number | null;
  sameSite: SameSite;
  /** Bytes of name + value, what counts against the ~4 KB limit. */
  size: number;
}

export type JarChangeKind = 'added' | 'updated' | 'removed';

/** One change to the jar; an overwrite's remove+insert pair is one 'updated'. */
export interface JarChange {
  /** Milliseconds since the epoch. */
  time: number;
  name: string;
  kind: JarChangeKind;
  /** Electron's cause: explicit, overwrite, expired, evicted, expired-overwrite, inserted… */
  cause: string;
  /** The cookie's Domain as the jar keeps it (the Your app jar spans many). */
  domain: string;
  value: string | null;
  previousValue: string | null;
}

/** One request the window made: the Cookie it sent and the Set-Cookie it got. */
export interface WireEntry {
  id: string;
  time: number;
  method: string;
  /** Path and query, relative to the server; the whole URL in the Your app log, which spans origins. */
  path: string;
  status: number | null;
  cookieSent: string | null;
  setCookies: string[];
  /** The lab's own response headers (Session-Lab-Expired, Session-Lab-Instance) as "Name: value". */
  labHeaders: string[];
}

/**
 * The deliberately weak keys the weak-secret demo can restart the server with.
 * The window names one; main holds the key itself (and never writes it to disk).
 */
export type WeakKeyChoice = 'tutorial' | 'framework' | 'password';
export const WEAK_KEY_CHOICES = ['tutorial', 'framework', 'password'] as const satisfies readonly WeakKeyChoice[];

/** Who signs a forged session: main with the server's newest key, or with the key the last crack found. */
export type ForgeSigner = 'server' | 'cracked';
export const FORGE_SIGNERS = ['server', 'cracked'] as const satisfies readonly ForgeSigner[];

/** The running server's keys: as stored, an insecure weak-key demo, or rotated in the lab (memory only). */
export type KeyRingMode = 'stored' | 'weak-demo' | 'rotated';

/** One signing key as the window may know it: what it is, never its bytes. */
export interface KeyRingEntryView {
  kind: 'stored' | 'added' | 'weak-demo';
  label: string;
}

/** Where the experiments stand; every key-ring call answers with it. */
export interface ExperimentsState {
  mode: KeyRingMode;
  /** Newest first: #1 signs, every one verifies. */
  keys: KeyRingEntryView[];
  /** A crack is running in the worker. */
  cracking: boolean;
  /** A crack found a key, so forging with 'cracked' is possible. */
  cracked: boolean;
  /** Set when the server could not listen again after a restart: what happened and what to do. */
  serverDown: string | null;
}

/** How far a crack is: candidates tried of the list, and milliseconds spent guessing. */
export interface CrackProgress {
  tried: number;
  total: number;
  /** Milliseconds spent guessing so far (loading the wordlist not included). */
  elapsedMs: number;
}

/** A finished crack: the key when found (it was on a public list), and the effort it took. */
export type CrackOutcome = CrackProgress & ({ found: true; secret: string } | { found: false; secret: null });

/** The session pair main wrote into the jar. */
export interface ForgeOutcome {
  value: string;
  signature: string;
  signer: ForgeSigner;
}

/** The second server instance of Lab II's scale-out experiment. */
export interface SecondInstanceView {
  /** Its own loopback URL (the window reaches it through instance A). */
  url: string;
  /** Started with instance A's keys (true) or a key of its own (false). */
  sameKeys: boolean;
}

/** Where Lab II's server settings stand; every Lab II call answers with it. */
export interface ServerLabState {
  /** Server-side expiry, or null (off, the default). */
  expiry: ExpiryOptions | null;
  /** LAB ONLY: how far the lab clock the server's expiry reads runs ahead of real time. 0 unless fast-forwarded. */
  clockOffsetMs: number;
  /** The session cookie's attributes the server sets now. */
  cookie: CookieAttributes;
  /** Instance B while the scale-out experiment runs, else null. */
  secondInstance: SecondInstanceView | null;
  /** Set when the server could not listen again after a restart: what happened and what to do. */
  serverDown: string | null;
  /** The server's most recent warnings (size, sensitive data), as it logged them; oldest first. */
  serverLog: string[];
}

/** Lab III's scale-out: two server-side instances behind /server-side/, taking turns. */
export interface ServerSideScaleOutView {
  /** Whether both read one store (the SQLite file, or Redis) or each its own memory. */
  shared: boolean;
  /** The store, as the card names it. */
  store: SessionStoreView;
  /** The instances' own loopback URLs; their answers name them S1 and S2. */
  instances: string[];
}

/** Where Lab III stands; every Lab III call answers with it. */
export interface SessionKindsState {
  /** The server-side instance the window reaches under /server-side/, and its store. */
  serverSide: { url: string; store: SessionStoreView };
  /** The store a shared scale-out uses: Redis when SESSION_STORE names one, else the SQLite file; null without a data dir. */
  sharedStore: SessionStoreView | null;
  scaleOut: ServerSideScaleOutView | null;
}

/** The types of one invoke verb, carried by an empty object (only the keys exist at run time). */
export interface InvokeTypes<Args extends unknown[], Result> {
  readonly args?: Args;
  readonly result?: Result;
}
/** The payload type of one event verb, carried likewise. */
export interface EventTypes<Payload> {
  readonly payload?: Payload;
}
const invoke = <Args extends unknown[], Result>(): InvokeTypes<Args, Result> => ({});
const event = <Payload>(): EventTypes<Payload> => ({});

/**
 * The Your app tab: a view of the user's own web app in a partition of its own,
 * and the inspector for that partition (contract/target.ts has the shapes).
 * Registered by main's attachTargetSession, beside the lab's verbs.
 */
export const TARGET_INVOKE = {
  /** Opens an http(s) address in the view; refused, with a sentence, for anything else or the lab's own server. */
  openTarget: invoke<[url: string], TargetState>(),
  targetBack: invoke<[], TargetState>(),
  targetForward: invoke<[], TargetState>(),
  targetReload: invoke<[], TargetState>(),
  targetStop: invoke<[], TargetState>(),
  targetState: invoke<[], TargetState>(),
  /** Where the placeholder is in the lab page; null hides the view (the tab is not shown). */
  setTargetBounds: invoke<[rect: ViewRect | null], void>(),
  /** The partition's jar, every origin, each cookie decoded and checked with the typed key. */
  inspectTarget: invoke<[], TargetInspection>(),
  /** The app's signing key: it stays in main's memory for the tab's life and is never sent back. */
  setTargetKey: invoke<[key: string, encoding: KeyEncoding], TargetInspection>(),
  forgetTargetKey: invoke<[], TargetInspection>(),
  /** Tries the built-in list of known weak keys against every signed cookie, on worker threads. */
  crackTargetKeys: invoke<[], TargetCrackOutcome>(),
  stopTargetCrack: invoke<[], void>(),
  /** Clears the partition: cookies and storage of every origin. */
  clearTarget: invoke<[], TargetState>(),
  /** Saves the findings and decoded cookies (never the typed key) through a save dialog of main's. */
  exportTargetReport: invoke<[format: ReportFormat], ExportOutcome>(),
};

/** The Your app tab's live events. */
export const TARGET_EVENTS = {
  onTargetState: event<TargetState>(),
  /** A refusal (new window, download, navigation), a failed load, a clear. */
  onTargetLog: event<TargetLogLine>(),
  onTargetJarChanged: event<JarChange[]>(),
  /** Each request the view made, every URL, once its response headers (or its failure) arrived. */
  onTargetWire: event<WireEntry>(),
  onTargetCrackProgress: event<TargetCrackProgress>(),
  /** Ctrl+L (or F6, Alt+D) pressed inside the view: the window focuses its address bar. */
  onTargetFocusAddress: event<null>(),
};

/**
 * The Decoder tab: anything a person pastes, read by the auditor's engine in
 * main; a key they type, held there (contract/decoder.ts has the shapes).
 * Registered by main's attachDecoder, beside the lab's verbs.
 */
export const DECODER_INVOKE = {
  /** Reads a bare value, `name=value`, a Cookie header or a Set-Cookie line (at most MAX_DECODER_INPUT_CHARS); main keeps the cookies for the key and the crack. */
  decodeCookies: invoke<[text: string], DecoderReading>(),
  /** The last text decoded, read again (its verdicts, the weak keys found since). */
  decoderReading: invoke<[], DecoderReading>(),
  /** The key to check the cookies with: it stays in main's memory until forgotten or quit, and never comes back. */
  setDecoderKey: invoke<[key: string, encoding: KeyEncoding], DecoderReading>(),
  forgetDecoderKey: invoke<[], DecoderReading>(),
  /** Cracks the decoded cookies with the built-in list, or a wordlist file the person picks in main's open dialog. */
  crackDecoded: invoke<[list: CrackList], DecoderCrackOutcome>(),
  stopDecoderCrack: invoke<[], void>(),
};

/** The Decoder tab's live events. */
export const DECODER_EVENTS = {
  onDecoderCrackProgress: event<DecoderCrackProgress>(),
};

/** Window → main: what the window may ask for. Plain data in and out. */
export const BRIDGE_INVOKE = {
  /** The cookies Electron's session holds for the server's URL. */
  listCookies: invoke<[], CookieRow[]>(),
  /** The same cookies, each with the cookie audit's findings (worked out in main), packed (unpackJarAudit): what the jar table shows. */
  auditJar: invoke<[], PackedJarAudit>(),
  deleteCookie: invoke<[name: string], void>(),
  clearCookies: invoke<[], void>(),
  /** Writes a new value into an existing cookie, keeping its other attributes (tampering). */
  setCookieValue: invoke<[name: string, value: string], void>(),
  /**
   * Puts a copied cookie back (a replay): into the cookie of that name, keeping
   * its attributes, or, when the jar no longer has one, as the session cookies
   * are set (host-only, Path=/, HttpOnly, SameSite=Lax, seven days).
   */
  putCookieBack: invoke<[name: string, value: string], void>(),
  /** The main process's verdict on the session cookie in the jar; the keys stay there. */
  inspectSession: invoke<[], CookieInspection>(),
  /** Where the Lab I experiments stand (key ring, crack). */
  experimentsState: invoke<[], ExperimentsState>(),
  /**
   * Signs `payload` (main holds the key: the server's newest, or the cracked one)
   * and writes the session cookie and its .sig into the jar, with the session
   * cookie's attributes.
   */
  forgeSession: invoke<[payload: SessionPayload, signer: ForgeSigner], ForgeOutcome>(),
  /** Cracks the key of the jar's session cookie with the built-in wordlist, off the UI thread. */
  crackSessionKey: invoke<[], CrackOutcome>(),
  /** INSECURE DEMO: restarts the server (same port) on a weak, well-known key, held in memory only. */
  startWeakKeyDemo: invoke<[choice: WeakKeyChoice], ExperimentsState>(),
  /** Restarts the server on the stored key(s): ends the weak-key demo and the rotation. */
  restoreStoredKeys: invoke<[], ExperimentsState>(),
  /** Rotation step 1: a new random key signs; the older ones still verify (memory only). */
  addSigningKey: invoke<[], ExperimentsState>(),
  /** Rotation step 2: only the newest key remains; cookies signed with the others are refused. */
  dropOlderKeys: invoke<[], ExperimentsState>(),
  /** Lab II: the server's settings now (expiry, lab clock, cookie attributes, second instance, recent warnings). */
  serverLabState: invoke<[], ServerLabState>(),
  /** Lab II: restarts the server (same port, same keys) with server-side expiry on (idle 15 min, absolute 60 min) or off. */
  setServerExpiry: invoke<[on: boolean], ServerLabState>(),
  /** LAB ONLY: moves the clock the server's expiry reads forward by `ms`; real time is not touched. */
  advanceLabClock: invoke<[ms: number], ServerLabState>(),
  /** Lab II: restarts the server with these session-cookie attributes. */
  setCookieAttributes: invoke<[attributes: CookieAttributes], ServerLabState>(),
  /** Lab II: starts instance B (with A's keys, or its own) and makes A alternate session requests with it. */
  startSecondInstance: invoke<[sameKeys: boolean], ServerLabState>(),
  /** Lab II: stops instance B; A answers every request again. */
  stopSecondInstance: invoke<[], ServerLabState>(),
  /** Lab II: back to the defaults: no expiry, real time, the default cookie attributes, one instance. */
  restoreServerDefaults: invoke<[], ServerLabState>(),
  /**
   * The express-session ID cookie the window sends to the server-side instance:
   * the ID, the verdict of that server's keys (which stay in main), and the
   * store's record for it, read from the store itself.
   */
  inspectServerSession: invoke<[], SessionIdInspection>(),
  /** Lab III: the server-side instance, its store, and the scale-out experiment. */
  sessionKindsState: invoke<[], SessionKindsState>(),
  /** Lab III: two server-side instances take turns under /server-side/, each with its own memory store (false) or one shared store (true). */
  startServerSideScaleOut: invoke<[shared: boolean], SessionKindsState>(),
  /** Lab III: back to the one server-side instance. */
  stopServerSideScaleOut: invoke<[], SessionKindsState>(),
  ...TARGET_INVOKE,
  ...DECODER_INVOKE,
};

/** Main → window: what the window may subscribe to. */
export const BRIDGE_EVENTS = {
  /** Changes to the jar, an overwrite's two halves grouped into one. */
  onJarChanged: event<JarChange[]>(),
  /** Each request the window made, once its response headers (or its failure) arrived. */
  onWire: event<WireEntry>(),
  /** A running crack's progress. */
  onCrackProgress: event<CrackProgress>(),
  ...TARGET_EVENTS,
  ...DECODER_EVENTS,
};

export type InvokeVerb = keyof typeof BRIDGE_INVOKE;
/** The Your app tab's verbs (attachTargetSession) and the Decoder's (attachDecoder); every other verb is the lab's (attachLabSession). */
export type TargetVerb = keyof typeof TARGET_INVOKE;
export type DecoderVerb = keyof typeof DECODER_INVOKE;
export type LabVerb = Exclude<InvokeVerb, TargetVerb | DecoderVerb>;
export type EventVerb = keyof typeof BRIDGE_EVENTS;
export type ArgsOf<V extends InvokeVerb> = Exclude<(typeof BRIDGE_INVOKE)[V]['args'], undefined>;
export type ResultOf<V extends InvokeVerb> = Exclude<(typeof BRIDGE_INVOKE)[V]['result'], undefined>;
export type PayloadOf<E extends EventVerb> = Exclude<(typeof BRIDGE_EVENTS)[E]['payload'], undefined>;

/** What the preload exposes on `window.sessionLab`: one function per verb. */
export type LabBridge = { [V in keyof typeof BRIDGE_INVOKE]: (...args: ArgsOf<V>) => Promise<ResultOf<V>> } & {
  [E in keyof typeof BRIDGE_EVENTS]: (listener: (payload: PayloadOf<E>) => void) => () => void;
};

export const INVOKE_VERBS = Object.keys(BRIDGE_INVOKE) as InvokeVerb[];
export const TARGET_VERBS = Object.keys(TARGET_INVOKE) as TargetVerb[];
export const DECODER_VERBS = Object.keys(DECODER_INVOKE) as DecoderVerb[];
export const LAB_VERBS = INVOKE_VERBS.filter((verb): verb is LabVerb => !(verb in TARGET_INVOKE) && !(verb in DECODER_INVOKE));
export const EVENT_VERBS = Object.keys(BRIDGE_EVENTS) as EventVerb[];

/** The IPC channel a verb travels on. */
export function channelOf(verb: string): string {
  return `session-lab:${verb}`;
}

/** How a bridge reaches main: one call per invoke, one subscription per event. */
export interface BridgeTransport {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds window.sessionLab from the verb lists: the preload over ipcRenderer,
 * the e2e harness over CDP. Self-contained (no closure over this module), so
 * the harness can serialise it into the page.
 */
export function buildBridge(
  verbs: { invoke: readonly string[]; events: readonly string[] },
  channel: (verb: string) => string,
  transport: BridgeTransport,
): LabBridge {
  // Electron rejects an invoke whose handler threw with "Error invoking remote
  // method '<channel>': <Name>: <sentence>"; the window shows people only the sentence.
  const unwrap = (err: unknown): never => {
    const message = err instanceof Error ? err.message : String(err);
    const parts = /^Error invoking remote method '[^']*': (?:(\w*Error): )?([\s\S]*)$/.exec(message);
    if (parts === null) throw err;
    throw Object.assign(new Error(parts[2]), { name: parts[1] ?? 'Error' });
  };
  const bridge: Record<string, unknown> = {};
  for (const verb of verbs.invoke) bridge[verb] = (...args: unknown[]) => transport.invoke(channel(verb), args).catch(unwrap);
  for (const verb of verbs.events) bridge[verb] = (listener: (payload: unknown) => void) => transport.subscribe(channel(verb), listener);
  // The one cast of the bridge: the object has exactly the map's verbs, each wrapping its channel.
  return bridge as LabBridge;
}

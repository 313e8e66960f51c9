// The one contract between the window and the main process.
//
// The preload implements `LabBridge` with ipcRenderer; main implements the
// handlers in `InvokeContract`; the renderer only sees `window.sessionLab`.
// The e2e harness implements the same `LabBridge` over Chromium's CDP.
// Type-only imports: this module must stay free of runtime dependencies.
import type { CrackJobDone, CrackJobProgress } from '../server/audit/crack-job';
import type { CookieInspection } from '../server/session-inspect';
import type { CookieAttributes, CookieSameSite } from '../server/session-cookie';
import type { ExpiryOptions } from '../server/session-expiry';

export type { CookieAttributes, CookieInspection, CookieSameSite, ExpiryOptions };

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
  value: string | null;
  previousValue: string | null;
}

/** One request the window made: the Cookie it sent and the Set-Cookie it got. */
export interface WireEntry {
  id: string;
  time: number;
  method: string;
  /** Path and query, relative to the server. */
  path: string;
  status: number | null;
  cookieSent: string | null;
  setCookies: string[];
  /** The lab's own response headers (Session-Lab-Expired, Session-Lab-Instance) as "Name: value". */
  labHeaders: string[];
}

/** A JSON value, as a session payload may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A session's contents: the JSON object cookie-session stores (base64) in the cookie. */
export type SessionPayload = { [key: string]: JsonValue };

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
export type CrackProgress = CrackJobProgress;
/** A finished crack: the key when found (it was on a public list), and the effort it took. */
export type CrackOutcome = CrackJobDone;

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

/** What the preload exposes on `window.sessionLab`. Plain data only. */
export interface LabBridge {
  /** The cookies Electron's session holds for the server's URL. */
  listCookies(): Promise<CookieRow[]>;
  deleteCookie(name: string): Promise<void>;
  clearCookies(): Promise<void>;
  /** Writes a new value into an existing cookie, keeping its other attributes (tampering). */
  setCookieValue(name: string, value: string): Promise<void>;
  /** The main process's verdict on the session cookie in the jar; the keys stay there. */
  inspectSession(): Promise<CookieInspection>;
  /** Where the Lab I experiments stand (key ring, crack). */
  experimentsState(): Promise<ExperimentsState>;
  /**
   * Signs `payload` (main holds the key: the server's newest, or the cracked one)
   * and writes the session cookie and its .sig into the jar, with the session
   * cookie's attributes.
   */
  forgeSession(payload: SessionPayload, signer: ForgeSigner): Promise<ForgeOutcome>;
  /** Cracks the key of the jar's session cookie with the built-in wordlist, off the UI thread. */
  crackSessionKey(): Promise<CrackOutcome>;
  /** INSECURE DEMO: restarts the server (same port) on a weak, well-known key, held in memory only. */
  startWeakKeyDemo(choice: WeakKeyChoice): Promise<ExperimentsState>;
  /** Restarts the server on the stored key(s): ends the weak-key demo and the rotation. */
  restoreStoredKeys(): Promise<ExperimentsState>;
  /** Rotation step 1: a new random key signs; the older ones still verify (memory only). */
  addSigningKey(): Promise<ExperimentsState>;
  /** Rotation step 2: only the newest key remains; cookies signed with the others are refused. */
  dropOlderKeys(): Promise<ExperimentsState>;
  /** Lab II: the server's settings now (expiry, lab clock, cookie attributes, second instance, recent warnings). */
  serverLabState(): Promise<ServerLabState>;
  /** Lab II: restarts the server (same port, same keys) with server-side expiry on (idle 15 min, absolute 60 min) or off. */
  setServerExpiry(on: boolean): Promise<ServerLabState>;
  /** LAB ONLY: moves the clock the server's expiry reads forward by `ms`; real time is not touched. */
  advanceLabClock(ms: number): Promise<ServerLabState>;
  /** Lab II: restarts the server with these session-cookie attributes. */
  setCookieAttributes(attributes: CookieAttributes): Promise<ServerLabState>;
  /** Lab II: starts instance B (with A's keys, or its own) and makes A alternate session requests with it. */
  startSecondInstance(sameKeys: boolean): Promise<ServerLabState>;
  /** Lab II: stops instance B; A answers every request again. */
  stopSecondInstance(): Promise<ServerLabState>;
  /** Lab II: back to the defaults: no expiry, real time, the default cookie attributes, one instance. */
  restoreServerDefaults(): Promise<ServerLabState>;
  /** Subscribes to jar changes; returns an unsubscribe function. */
  onJarChanged(listener: (changes: JarChange[]) => void): () => void;
  /** Subscribes to the window's traffic; returns an unsubscribe function. */
  onWire(listener: (entry: WireEntry) => void): () => void;
  /** Subscribes to a running crack's progress; returns an unsubscribe function. */
  onCrackProgress(listener: (progress: CrackProgress) => void): () => void;
}

/** invoke channels: name → argument tuple and result. */
export interface InvokeContract {
  'jar:list': { args: []; result: CookieRow[] };
  'jar:delete': { args: [name: string]; result: void };
  'jar:clear': { args: []; result: void };
  'jar:set-value': { args: [name: string, value: string]; result: void };
  'session:inspect': { args: []; result: CookieInspection };
  'experiments:state': { args: []; result: ExperimentsState };
  'session:forge': { args: [payload: SessionPayload, signer: ForgeSigner]; result: ForgeOutcome };
  'session:crack': { args: []; result: CrackOutcome };
  'keys:weak-demo': { args: [choice: WeakKeyChoice]; result: ExperimentsState };
  'keys:restore': { args: []; result: ExperimentsState };
  'keys:add': { args: []; result: ExperimentsState };
  'keys:drop-older': { args: []; result: ExperimentsState };
  'server-lab:state': { args: []; result: ServerLabState };
  'server-lab:expiry': { args: [on: boolean]; result: ServerLabState };
  'server-lab:clock': { args: [ms: number]; result: ServerLabState };
  'server-lab:cookie': { args: [attributes: CookieAttributes]; result: ServerLabState };
  'server-lab:instance-start': { args: [sameKeys: boolean]; result: ServerLabState };
  'server-lab:instance-stop': { args: []; result: ServerLabState };
  'server-lab:restore': { args: []; result: ServerLabState };
}

/** main → window events: name → payload. */
export interface EventContract {
  'jar:changed': JarChange[];
  'wire:entry': WireEntry;
  'crack:progress': CrackProgress;
}

export type InvokeChannel = keyof InvokeContract;
export type EventChannel = keyof EventContract;

export const INVOKE_CHANNELS = [
  'jar:list',
  'jar:delete',
  'jar:clear',
  'jar:set-value',
  'session:inspect',
  'experiments:state',
  'session:forge',
  'session:crack',
  'keys:weak-demo',
  'keys:restore',
  'keys:add',
  'keys:drop-older',
  'server-lab:state',
  'server-lab:expiry',
  'server-lab:clock',
  'server-lab:cookie',
  'server-lab:instance-start',
  'server-lab:instance-stop',
  'server-lab:restore',
] as const satisfies readonly InvokeChannel[];
export const EVENT_CHANNELS = ['jar:changed', 'wire:entry', 'crack:progress'] as const satisfies readonly EventChannel[];

// The one contract between the window and the main process.
//
// The preload implements `LabBridge` with ipcRenderer; main implements the
// handlers in `InvokeContract`; the renderer only sees `window.sessionLab`.
// The e2e harness implements the same `LabBridge` over Chromium's CDP.
// Type-only imports: this module must stay free of runtime dependencies.
import type { CookieInspection } from '../server/session-inspect';

export type { CookieInspection };

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
  /** Subscribes to jar changes; returns an unsubscribe function. */
  onJarChanged(listener: (changes: JarChange[]) => void): () => void;
  /** Subscribes to the window's traffic; returns an unsubscribe function. */
  onWire(listener: (entry: WireEntry) => void): () => void;
}

/** invoke channels: name → argument tuple and result. */
export interface InvokeContract {
  'jar:list': { args: []; result: CookieRow[] };
  'jar:delete': { args: [name: string]; result: void };
  'jar:clear': { args: []; result: void };
  'jar:set-value': { args: [name: string, value: string]; result: void };
  'session:inspect': { args: []; result: CookieInspection };
}

/** main → window events: name → payload. */
export interface EventContract {
  'jar:changed': JarChange[];
  'wire:entry': WireEntry;
}

export type InvokeChannel = keyof InvokeContract;
export type EventChannel = keyof EventContract;

export const INVOKE_CHANNELS = ['jar:list', 'jar:delete', 'jar:clear', 'jar:set-value', 'session:inspect'] as const satisfies readonly InvokeChannel[];
export const EVENT_CHANNELS = ['jar:changed', 'wire:entry'] as const satisfies readonly EventChannel[];

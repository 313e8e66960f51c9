// The "Your app" tab's shapes: the view of the user's own web app, its partition's
// cookies as the auditor reads them, the key the user types (which never comes
// back), the weak-key crack and the report. The verbs are in bridge.ts.
import type { CookieFinding, PackedJarAudit } from './cookie-audit';

/** A rectangle of the lab page, in its CSS pixels: where the placeholder for the view is. */
export interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the view stands: the address bar, the buttons and the status line read it. */
export interface TargetState {
  /** The address the view shows; '' before the first page. */
  url: string;
  title: string;
  loading: boolean;
  canGoBack: boolean;
  canGoForward: boolean;
  /** Why the last page did not load, in a sentence; null when it did. */
  error: string | null;
  /** Every origin the view loaded a page from, in the order first seen. */
  visited: string[];
}

/** One line of the tab's log: a refusal (a new window, a download, a navigation), a failed load, a clear. */
export interface TargetLogLine {
  time: number;
  kind: 'refused' | 'failed' | 'cleared' | 'saved';
  text: string;
}

/** How the key the user typed is written: as text (UTF-8), hex digits or base64. */
export type KeyEncoding = 'text' | 'hex' | 'base64';
export const KEY_ENCODINGS = ['text', 'hex', 'base64'] as const satisfies readonly KeyEncoding[];
/** Longer than any framework's secret as configured (Rails' secret_key_base is 128 hex digits). */
export const MAX_TYPED_KEY_CHARS = 1024;

/** A cookie's payload as the window shows it: text with control and bidi characters escaped. */
export interface PayloadText {
  kind: 'json' | 'text' | 'bytes' | 'hidden';
  text: string;
}

/** What the auditor's engine read in a cookie: its framework's format and what it holds. */
export interface DecodedView {
  /** The engine's format id: flask, express-session, cookie-session, django, jwt, rails, laravel, itsdangerous. */
  format: string;
  title: string;
  facts: { label: string; value: string }[];
  payload: PayloadText;
  notes: string[];
  /** Why no key can be checked against this cookie, when none can. */
  unverifiable: string | null;
}

/** The signature checked with the key the user typed. */
export type KeyVerdict =
  | { state: 'no-key' }
  | { state: 'valid'; variant: string; revealed: PayloadText | null }
  | { state: 'invalid'; reason: string }
  | { state: 'unverifiable'; reason: string };

/** A key the crack found: it is on a public list, so the window may show it (as Lab I shows a cracked key). */
export interface FoundKeyView {
  /** The key as written in the list, escaped. */
  key: string;
  /** How the list's line was read to get the key: "as written", "hex-decoded", … */
  form: string;
  /** Which variant of the format the key made, e.g. "HMAC-SHA1". */
  variant: string;
  /** 1-based rank in the built-in list, when known. */
  position: number | null;
}

/**
 * One cookie of the tab's partition, with what the auditor made of it: the jar
 * row with its audit packed as the lab's jar is (findings by index into
 * TargetInspection.findings), and the engine's reading.
 */
export interface TargetCookieView extends PackedJarRow {
  /** A cookie-session `<name>.sig` read together with this cookie: its name. */
  signatureCookie: string | null;
  /** This row is the `.sig` of that cookie (read with it, not alone). */
  signatureOf: string | null;
  /** null: no format the auditor knows reads this value. */
  decoded: DecodedView | null;
  verdict: KeyVerdict;
  /** A key from the built-in list signs this cookie. */
  weakKey: FoundKeyView | null;
}

/** The key the user typed, as the window may know it: that there is one, never its bytes. */
export interface TypedKeyStatus {
  set: boolean;
  encoding: KeyEncoding | null;
  bytes: number;
}

/** How far the weak-key crack is. */
export interface TargetCrackProgress {
  /** Candidates of the built-in list tried. */
  tried: number;
  total: number;
  /** Keys tried: each form of each candidate. */
  keys: number;
  keysPerSecond: number;
  elapsedMs: number;
  /** Estimated time left. */
  etaMs: number | null;
  /** Cookies cracked so far. */
  found: number;
}

/** A finished crack: how it ended, and what it found. */
export interface TargetCrackOutcome extends TargetCrackProgress {
  outcome: 'exhausted' | 'all-found' | 'stopped' | 'nothing-to-crack';
  /** Cookies the crack tried (those with a signature a key can be checked against). */
  cookies: number;
  threads: number;
}

type PackedJarRow = PackedJarAudit['rows'][number];

/** Everything the inspector shows for the partition, in one reading. */
export interface TargetInspection {
  /** Each distinct finding of the cookie audit once; the cookies point at them (unpackJarAudit({findings, rows: cookies})). */
  findings: CookieFinding[];
  cookies: TargetCookieView[];
  key: TypedKeyStatus;
  cracking: boolean;
  lastCrack: TargetCrackOutcome | null;
  visited: string[];
}

export type ReportFormat = 'markdown' | 'json';
export const REPORT_FORMATS = ['markdown', 'json'] as const satisfies readonly ReportFormat[];

/** What an export did: saved (the file's name, not its folder), or cancelled in the dialog. */
export type ExportOutcome = { saved: true; fileName: string; bytes: number; cookies: number } | { saved: false };

// The Decoder tab's shapes: what a person pasted, read by the auditor's engine in
// main (the format, the payload, the verdict of a key they type, a key a crack
// found), and the crack over the built-in list or a wordlist file they pick in
// main's own dialog (the page never sees a path). The verbs are in bridge.ts.
import type { AuditedCookie } from './cookie-audit';
import type { DecodedView, FoundKeyView, KeyVerdict, TargetCrackOutcome, TargetCrackProgress, TypedKeyStatus } from './target';

/**
 * The most the Decoder reads at once: the engine's own limit (MAX_INPUT_CHARS in
 * server/audit/cookie-input.ts, which a test holds this to). A browser's whole
 * Cookie header for one site is far shorter.
 */
export const MAX_DECODER_INPUT_CHARS = 256 * 1024;

/** Where the crack's candidates come from: the auditor's built-in list, or a file the person picks. */
export type CrackList = 'built-in' | 'file';
export const CRACK_LISTS = ['built-in', 'file'] as const satisfies readonly CrackList[];

/** One cookie of what was pasted, as the engine read it. */
export interface DecoderCookieView {
  /** The cookie's place in the input: its key in the list. */
  index: number;
  /** The name, escaped; null for a bare value. */
  name: string | null;
  /** cookie-session's `<name>.sig`, when the input had it beside its cookie (read together). */
  signatureCookie: string | null;
  /** The value as the framework reads it (URL-decoded), escaped. */
  value: string;
  /** null: no session format the auditor knows reads this value. */
  decoded: DecodedView | null;
  verdict: KeyVerdict;
  /** A key a crack found that signs this cookie. */
  weakKey: FoundKeyView | null;
  /**
   * Pasted as a Set-Cookie line: the cookie as a browser would store it from
   * that line, and the cookie audit's findings, judged as sent by an https page
   * (the Domain's reach needs the page's host, which only a jar knows). null for
   * a Cookie header or a bare value, which carry no attributes.
   */
  setCookie: AuditedCookie | null;
}

/** Main's reading of the last text decoded, with the key the person typed (that there is one, never its bytes). */
export interface DecoderReading {
  cookies: DecoderCookieView[];
  key: TypedKeyStatus;
}

/** How far a crack is; a wordlist file's progress is the share of its bytes read. */
export interface DecoderCrackProgress extends TargetCrackProgress {
  list: CrackList;
  bytesRead: number;
  /** The file's size, when it is a regular file; null for the built-in list. */
  bytesTotal: number | null;
}

/** How a crack ended; a file dialog the person cancelled cracked nothing. */
export type DecoderCrackOutcome =
  | (TargetCrackOutcome & {
      list: CrackList;
      /** The picked file's name (never its folder); null for the built-in list. */
      fileName: string | null;
      /** Lines of the file longer than the engine reads (4 KB), skipped and counted. */
      overlong: number;
    })
  | { outcome: 'cancelled'; list: 'file' };

// The Decoder tab's side in main: what a person pasted, read by the auditor's
// engine (every cookie's format, payload and facts), checked with a key they
// type (held here only, as the Your app tab's is), and cracked with the built-in
// list or a wordlist file they pick in main's own dialog, streamed from disk.
// The page sends text and a list choice; it never sends or sees a path.
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AuditedCookie, CrackList, DecoderCookieView, DecoderCrackOutcome, DecoderCrackProgress, DecoderReading, KeyEncoding } from '../../contract';
import { loadAuditEngine, type AuditEngine, type CandidateSource, type ExaminedCookie } from '../../server';
import { BUILT_IN_LIST, CrackBusyError, createTypedKey, createWeakKeyCracker, typedKeyVerbs, type CrackRun } from '../audit/audit-keys';
import { decodedView, foundKeyView, isCrackable, verdictWith, weakKeyOf, type FoundKey } from '../audit/cookie-views';

/** Where a wordlist comes from: main's open dialog in the app, a file of the test's in the harness. */
export interface WordlistPicker {
  /** The file the person chose, or null when they cancelled. */
  pickWordlist(): Promise<string | null>;
}

/** Why a crack from a file could not run; the message is the sentence to show (a file's name, never its folder). */
export class DecoderError extends Error {
  override name = 'DecoderError';
}

export interface DecoderOptions {
  /** The engine's crack over a source, on worker threads. */
  crack: CrackRun;
  picker: WordlistPicker;
  onCrackProgress(progress: DecoderCrackProgress): void;
  /** Seconds since the epoch, for a Set-Cookie line's Max-Age and the audit's lifetime rules; the clock by default. */
  now?: () => number;
}

export interface Decoder {
  /** Reads `text` (what the person pasted) and keeps its cookies for the key and the crack. */
  decode(text: string): Promise<DecoderReading>;
  /** The cookies kept, read again: the typed key's verdicts, the keys found since. */
  reading(): Promise<DecoderReading>;
  setKey(text: string, encoding: KeyEncoding): Promise<DecoderReading>;
  forgetKey(): Promise<DecoderReading>;
  crack(list: CrackList): Promise<DecoderCrackOutcome>;
  stop(): void;
  /** At quit or detach: stop a crack, forget the typed key and the cookies. */
  close(): void;
}

/** One cookie of the text, as the engine examined it. */
interface HeldCookie {
  examined: ExaminedCookie;
  signatureCookie: string | null;
  /** When it was read: a Set-Cookie line's Max-Age counts from then. */
  readAt: number;
}

/** A Set-Cookie line's cookie as a browser would store it, audited as the jar's are (the weak-key rule fed by the crack). */
function auditedLine(engine: AuditEngine, held: HeldCookie, weak: FoundKey | null, now: number): AuditedCookie | null {
  const { examined } = held;
  if (examined.setCookie === null || examined.name === null) return null;
  const { cookie, audit } = engine.auditSetCookie(examined.name, examined.setCookie, examined.decoded, {
    readAt: held.readAt,
    now,
    weakKeyFound: weak !== null,
  });
  // Shown as text in the window: what was pasted, escaped like the cookie's own name and value.
  const shown = {
    name: engine.escapeText(cookie.name),
    value: engine.escapeText(cookie.value),
    domain: engine.escapeText(cookie.domain),
    path: engine.escapeText(cookie.path),
  };
  return { cookie: { ...cookie, ...shown }, audit };
}

/** Why a wordlist could not be read, without its path (Node's messages carry it). */
function readProblem(engine: AuditEngine, err: unknown): string {
  if (err instanceof engine.CrackRunError) return 'it is a folder, not a wordlist.';
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  if (code === 'ENOENT') return 'it is not there any more.';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied.';
  if (code === 'EISDIR') return 'it is a folder, not a wordlist.';
  return 'it could not be read.';
}

export function createDecoder(options: DecoderOptions): Decoder {
  const now = options.now ?? (() => Date.now() / 1000);
  const key = createTypedKey();
  let held: HeldCookie[] = [];
  // The running crack's list and the over-long lines its report counted (one crack at a time: the cracker refuses a second).
  let list: CrackList = 'built-in';
  let overlong = 0;
  // The open dialog is part of a crack: a second one waits for neither.
  let picking = false;
  const run: CrackRun = async (targets, onProgress, signal, source) => {
    const report = await options.crack(targets, onProgress, signal, source);
    overlong = report.overlong;
    return report;
  };
  const cracker = createWeakKeyCracker(run, (progress, raw) =>
    options.onCrackProgress({ ...progress, list, bytesRead: raw.bytesRead, bytesTotal: raw.bytesTotal }),
  );

  const view = (engine: AuditEngine): DecoderReading => ({
    cookies: held.map((h, index): DecoderCookieView => {
      const { examined, signatureCookie } = h;
      const weak = weakKeyOf(engine, examined, cracker.found());
      return {
        index,
        // Names and values are whatever was pasted: control and bidi characters are shown escaped.
        name: examined.name === null ? null : engine.escapeText(examined.name),
        signatureCookie: signatureCookie === null ? null : engine.escapeText(signatureCookie),
        value: engine.escapeText(examined.value),
        decoded: decodedView(engine, examined),
        verdict: verdictWith(engine, examined, key.bytes()),
        weakKey: weak === null ? null : foundKeyView(engine, weak),
        setCookie: auditedLine(engine, h, weak, now()),
      };
    }),
    key: key.status(),
  });
  // The engine loads with the tab's first use, not with the app.
  const reading = async () => view(await loadAuditEngine());

  const crackWith = async (engine: AuditEngine, chosen: CrackList, source: CandidateSource, fileName: string | null): Promise<DecoderCrackOutcome> => {
    const targets = held.flatMap((h) => (isCrackable(h.examined) ? [h.examined.target] : []));
    list = chosen;
    overlong = 0;
    try {
      return { ...(await cracker.crack(targets, source)), list: chosen, fileName, overlong };
    } catch (err) {
      if (fileName !== null && err instanceof Error && 'code' in err)
        throw new DecoderError(`Cannot read the wordlist ${fileName}: ${readProblem(engine, err)}`);
      throw err;
    }
  };

  return {
    async decode(text) {
      const engine = await loadAuditEngine();
      // Unusable input throws the engine's CookieInputError, whose message is the sentence to show.
      const readAt = now();
      held = engine.parseCookieInput(text).map((cookie) => ({
        examined: engine.examineCookie(cookie),
        signatureCookie: cookie.signature !== undefined && cookie.name !== null ? `${cookie.name}.sig` : null,
        readAt,
      }));
      return view(engine);
    },
    reading,
    ...typedKeyVerbs(key, reading),
    async crack(chosen) {
      if (picking) throw new CrackBusyError('A wordlist is being chosen: pick one in the dialog, or cancel it.');
      if (cracker.running()) throw new CrackBusyError('Keys are being tried already: wait for the crack to end, or stop it.');
      const engine = await loadAuditEngine();
      // Nothing signed to try a key against: no dialog to ask for a file.
      if (chosen === 'built-in' || !held.some((h) => isCrackable(h.examined))) return crackWith(engine, chosen, BUILT_IN_LIST, null);
      picking = true;
      let file: string | null;
      try {
        file = await options.picker.pickWordlist();
      } finally {
        picking = false;
      }
      if (file === null) return { outcome: 'cancelled', list: 'file' };
      // The dialog gives a whole path; anything else (say "-", stdin to the engine) is no file.
      if (!path.isAbsolute(file)) throw new DecoderError('The wordlist must be a file.');
      const fileName = engine.escapeText(path.basename(file));
      let source: CandidateSource;
      try {
        source = engine.wordlistSource(file);
      } catch (err) {
        throw new DecoderError(`Cannot read the wordlist ${fileName}: ${readProblem(engine, err)}`);
      }
      const stream = source.kind === 'stream' && source.stream instanceof Readable ? source.stream : null;
      // An unreadable file fails on its first read, through the crack; no stray 'error' event.
      stream?.on('error', () => undefined);
      try {
        return await crackWith(engine, 'file', source, fileName);
      } finally {
        // A stopped or finished crack leaves the rest of the file unread: close it now.
        stream?.destroy();
      }
    },
    stop: () => cracker.stop(),
    close() {
      cracker.stop();
      key.forget();
      held = [];
    },
  };
}

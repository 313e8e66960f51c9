// What the Decoder tab shows, made once for the window: the text being read and
// where it came from (pasted, or the lab's own jar), main's reading of it, and
// the crack's progress. Readings run through one lane, so they paint in order
// and the last word is the newest.
import { errorMessage, SESSION_COOKIES, type CookieRow, type DecoderCrackProgress, type DecoderReading, type LabBridge } from '../../contract';
import { createLane } from '../request-lane';
import { createStore, type Store } from '../store';

/** Pasted by the person, or opened from the lab's jar (these cookies of it). */
export type DecoderSource = { kind: 'pasted' } | { kind: 'jar'; names: readonly string[] };

export interface DecoderModel {
  lab: LabBridge;
  /** What is in the box. */
  text: Store<string>;
  source: Store<DecoderSource>;
  /** Main's reading of the last text decoded; null before the first. */
  reading: Store<DecoderReading | null>;
  /** Why the text could not be read (main's sentence); '' when it could. */
  error: Store<string>;
  /** A running crack's progress; null when none has reported. */
  progress: Store<DecoderCrackProgress | null>;
  /** Counts the readings that take the keyboard focus (cookies opened from the jar). */
  focusRequests: Store<number>;
  /** Reads what is in the box. */
  decode(): Promise<void>;
  /** Puts these jar cookies in the box as the browser sends them (`a=1; b=2`), reads them, and has the result take the focus. */
  open(rows: readonly CookieRow[]): Promise<void>;
  /** Reads the kept cookies again (a crack's weak keys, the key's verdicts). */
  refresh(): Promise<void>;
  /** Subscribes to main's events for the tab; returns the unsubscribe. */
  listen(): () => void;
}

/** The Cookie header a browser would send with these cookies. */
export const cookieHeader = (rows: readonly CookieRow[]): string => rows.map((r) => `${r.name}=${r.value}`).join('; ');

const SIG = '.sig';
const samePlace = (a: CookieRow, b: CookieRow) => a.domain === b.domain && a.path === b.path;

/** A jar row with its cookie-session partner (`x` and `x.sig`, same domain and path), the cookie first: keygrip signs them as a pair. */
export function withItsPair(jar: readonly CookieRow[], row: CookieRow): CookieRow[] {
  const owner = row.name.endsWith(SIG) ? jar.find((r) => r.name === row.name.slice(0, -SIG.length) && samePlace(r, row)) : undefined;
  if (owner !== undefined) return [owner, row];
  const sig = jar.find((r) => r.name === `${row.name}${SIG}` && samePlace(r, row));
  return sig === undefined ? [row] : [row, sig];
}

/** The lab's session pair as the jar holds it (lab_session and its .sig on Path=/), or nothing when it holds no session cookie. */
export function labSessionPair(jar: readonly CookieRow[]): CookieRow[] {
  const session = jar.find((r) => r.name === SESSION_COOKIES.session && r.path === '/') ?? jar.find((r) => r.name === SESSION_COOKIES.session);
  return session === undefined ? [] : withItsPair(jar, session);
}

export function createDecoderModel(lab: LabBridge): DecoderModel {
  const text = createStore('');
  const source = createStore<DecoderSource>({ kind: 'pasted' });
  const reading = createStore<DecoderReading | null>(null);
  const error = createStore('');
  const progress = createStore<DecoderCrackProgress | null>(null);
  const focusRequests = createStore(0);
  const lane = createLane();
  const fail = (err: unknown) => error.set(errorMessage(err));

  const read = (focus: boolean): Promise<void> => {
    const sent = text.get();
    error.set('');
    return lane.run(() => lab.decodeCookies(sent), {
      paint: (answer) => {
        reading.set(answer);
        if (focus) focusRequests.update((n) => n + 1);
      },
      fail,
    });
  };

  return {
    lab,
    text,
    source,
    reading,
    error,
    progress,
    focusRequests,
    decode: () => read(false),
    open(rows) {
      text.set(cookieHeader(rows));
      source.set({ kind: 'jar', names: rows.map((r) => r.name) });
      return read(true);
    },
    refresh: () => lane.run(() => lab.decoderReading(), { paint: (answer) => reading.set(answer), fail }),
    listen() {
      return lab.onDecoderCrackProgress((p) => progress.set(p));
    },
  };
}

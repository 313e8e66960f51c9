// The Your app partition's cookies as the auditor's engine reads them: each
// value's format detected and decoded, its signature checked with the key the
// user typed, and any key the weak-key crack found tried against it. The typed
// key comes in as bytes and nothing derived from it goes out but a verdict.
// The engine is passed in: server/index.ts loads it on first use (loadAuditEngine).
import type { CookieRow, DecodedView, FoundKeyView, KeyVerdict, PayloadText, TargetCookieView } from '../../contract';
import type { AuditEngine, AuditTarget, ExaminedCookie, KeyForm, PayloadView } from '../../server';

/** A key the crack found, kept in main for the tab's life (it is on a public list). */
export interface FoundKey {
  /** The list's line, as written. */
  candidate: Uint8Array;
  form: KeyForm;
  /** The key bytes the line stands for in that form. */
  key: Uint8Array;
  variant: string;
  position: number | null;
}

/** One jar row, paired with its cookie-session `.sig` and read by the engine. */
export interface ReadCookie {
  row: CookieRow;
  signatureCookie: string | null;
  signatureOf: string | null;
  /** null for a `.sig` read with its cookie. */
  examined: ExaminedCookie | null;
}

const SIG = '.sig';
const place = (row: CookieRow, name = row.name): string => `${name}\u0000${row.domain}\u0000${row.path}`;

/** Pairs cookie-session's `<name>` with `<name>.sig` (same domain and path, as keygrip signs them) and examines each. */
export function readCookies(engine: AuditEngine, rows: readonly CookieRow[]): ReadCookie[] {
  const { cookieValue, examineCookie } = engine;
  const byPlace = new Map(rows.map((row) => [place(row), row]));
  return rows.map((row) => {
    const partner = byPlace.get(place(row, `${row.name}${SIG}`));
    const owner = row.name.endsWith(SIG) && row.name.length > SIG.length ? byPlace.get(place(row, row.name.slice(0, -SIG.length))) : undefined;
    if (owner !== undefined) return { row, signatureCookie: null, signatureOf: owner.name, examined: null };
    // The jar keeps a value as the server sent it: URL-decoded as the framework reads it.
    const examined = examineCookie({ name: row.name, value: cookieValue(row.value), ...(partner === undefined ? {} : { signature: cookieValue(partner.value) }) });
    return { row, signatureCookie: partner?.name ?? null, signatureOf: null, examined };
  });
}

/** The cookies a crack can try keys against: those a format reads and that carry a signature. */
export function crackTargets(read: readonly ReadCookie[]): AuditTarget[] {
  return read.flatMap((c) => (c.examined?.target && c.examined.decoded && !c.examined.decoded.unverifiable ? [c.examined.target] : []));
}

const textOf = (engine: AuditEngine, view: PayloadView): PayloadText => ({ kind: view.kind, text: engine.payloadText(view, '') });

function decodedView(engine: AuditEngine, examined: ExaminedCookie): DecodedView | null {
  const { escapeText } = engine;
  const d = examined.decoded;
  if (d === null) return null;
  // Everything here came from whoever set the cookie: control and bidi characters are shown escaped.
  return {
    format: d.format,
    title: d.title,
    facts: d.facts.map((f) => ({ label: f.label, value: escapeText(f.value) })),
    payload: textOf(engine, d.payload),
    notes: d.notes,
    unverifiable: d.unverifiable === undefined ? null : escapeText(d.unverifiable),
  };
}

function verdictWith(engine: AuditEngine, examined: ExaminedCookie | null, key: Uint8Array | null): KeyVerdict {
  if (key === null) return { state: 'no-key' };
  if (examined?.target == null || examined.decoded === null) return { state: 'unverifiable', reason: 'No session format the auditor knows reads this cookie, so there is no signature to check.' };
  if (examined.decoded.unverifiable) return { state: 'unverifiable', reason: engine.escapeText(examined.decoded.unverifiable) };
  const verdict = engine.verifyTarget(examined.target, key);
  if (!verdict.valid) return { state: 'invalid', reason: verdict.reason };
  // Encrypted formats (Rails, Laravel) show what the key decrypts; signed ones showed their payload already.
  return { state: 'valid', variant: verdict.variant, revealed: verdict.payload === null ? null : textOf(engine, verdict.payload) };
}

/** The first key the crack found that signs this cookie. */
export function weakKeyOf(engine: AuditEngine, examined: ExaminedCookie | null, found: readonly FoundKey[]): FoundKey | null {
  if (examined?.target == null || examined.decoded === null || examined.decoded.unverifiable) return null;
  const target = examined.target;
  return found.find((k) => engine.verifyTarget(target, k.key).valid) ?? null;
}

export function foundKeyView(engine: AuditEngine, k: FoundKey): FoundKeyView {
  return { key: engine.escapeBytes(k.candidate), form: engine.KEY_FORM_WORDS[k.form], variant: k.variant, position: k.position };
}

/** What the window shows for each cookie. */
export function cookieViews(engine: AuditEngine, read: readonly ReadCookie[], typedKey: Uint8Array | null, found: readonly FoundKey[]): TargetCookieView[] {
  return read.map((c) => {
    const weak = weakKeyOf(engine, c.examined, found);
    return {
      row: c.row,
      signatureCookie: c.signatureCookie,
      signatureOf: c.signatureOf,
      decoded: c.examined === null ? null : decodedView(engine, c.examined),
      verdict: c.signatureOf === null ? verdictWith(engine, c.examined, typedKey) : { state: 'no-key' },
      weakKey: weak === null ? null : foundKeyView(engine, weak),
    };
  });
}

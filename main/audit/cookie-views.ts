// What the auditor's engine read in one cookie, as a window may see it: the
// decoding (escaped text only), the verdict of a typed key and a weak key the
// crack found. Shared by the Your app tab and the Decoder; the typed key comes in
// as bytes and nothing derived from it goes out but a verdict.
import type { DecodedView, FoundKeyView, KeyVerdict, PayloadText } from '../../contract';
import type { AuditEngine, ExaminedCookie, KeyForm, PayloadView } from '../../server';

/** A key the crack found, kept in main for the tab's life (it is on a public list, or in the person's own file). */
export interface FoundKey {
  /** The list's line, as written. */
  candidate: Uint8Array;
  form: KeyForm;
  /** The key bytes the line stands for in that form. */
  key: Uint8Array;
  variant: string;
  position: number | null;
}

export const textOf = (engine: AuditEngine, view: PayloadView): PayloadText => ({ kind: view.kind, text: engine.payloadText(view, '') });

/** Whether a key can be tried against this cookie: a format reads it and it carries a signature. */
export function isCrackable(examined: ExaminedCookie | null): examined is ExaminedCookie & { target: NonNullable<ExaminedCookie['target']> } {
  return examined?.target != null && examined.decoded !== null && !examined.decoded.unverifiable;
}

export function decodedView(engine: AuditEngine, examined: ExaminedCookie): DecodedView | null {
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

export function verdictWith(engine: AuditEngine, examined: ExaminedCookie | null, key: Uint8Array | null): KeyVerdict {
  if (key === null) return { state: 'no-key' };
  if (examined?.target == null || examined.decoded === null)
    return { state: 'unverifiable', reason: 'No session format the auditor knows reads this cookie, so there is no signature to check.' };
  if (examined.decoded.unverifiable) return { state: 'unverifiable', reason: engine.escapeText(examined.decoded.unverifiable) };
  const verdict = engine.verifyTarget(examined.target, key);
  if (!verdict.valid) return { state: 'invalid', reason: verdict.reason };
  // Encrypted formats (Rails, Laravel) show what the key decrypts; signed ones showed their payload already.
  return { state: 'valid', variant: verdict.variant, revealed: verdict.payload === null ? null : textOf(engine, verdict.payload) };
}

/** The first key the crack found that signs this cookie, with the variant it signs this one with (the same key may sign a Flask and a cookie-session cookie). */
export function weakKeyOf(engine: AuditEngine, examined: ExaminedCookie | null, found: readonly FoundKey[]): FoundKey | null {
  if (!isCrackable(examined)) return null;
  for (const k of found) {
    const verdict = engine.verifyTarget(examined.target, k.key);
    if (verdict.valid) return { ...k, variant: verdict.variant };
  }
  return null;
}

export function foundKeyView(engine: AuditEngine, k: FoundKey): FoundKeyView {
  return { key: engine.escapeBytes(k.candidate), form: engine.KEY_FORM_WORDS[k.form], variant: k.variant, position: k.position };
}

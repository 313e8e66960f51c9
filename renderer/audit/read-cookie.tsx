// One cookie as the auditor's engine read it, drawn alike in the Your app tab and
// the Decoder: its format, facts and payload (escaped text, never HTML), what
// that means, the verdict of the typed key and a weak key a crack found. Each
// tab puts its own lines (the jar's attributes, the pasted value) above.
import type { ComponentChildren } from 'preact';
import type { CookieRow, DecodedView, FoundKeyView, KeyVerdict } from '../../contract';
import { expiryLabel, sameSiteLabel, truncateMiddle, yesNo } from '../cookie-format';

const VALUE_CHARS = 48;

/** What the engine made of a cookie, as both tabs have it. */
export interface CookieReading {
  decoded: DecodedView | null;
  verdict: KeyVerdict;
  weakKey: FoundKeyView | null;
  /** This cookie is the `.sig` of that one (read with it, not alone); null otherwise. */
  signatureOf: string | null;
}

export function verdictLine(verdict: KeyVerdict, noKey: string): { text: string; tone: 'good' | 'bad' | 'neutral' } {
  switch (verdict.state) {
    case 'no-key':
      return { text: noKey, tone: 'neutral' };
    case 'valid':
      return { text: `Signature valid with your key (${verdict.variant}).`, tone: 'good' };
    case 'invalid':
      return { text: `Signature does NOT match your key: ${verdict.reason}`, tone: 'bad' };
    case 'unverifiable':
      return { text: verdict.reason, tone: 'neutral' };
  }
}

/** A jar row's attributes, in one line. */
export function CookieAttributesLine({ row }: { row: CookieRow }) {
  return (
    <p class="cookie-attributes">
      Secure {yesNo(row.secure)} · HttpOnly {yesNo(row.httpOnly)} · SameSite {sameSiteLabel(row.sameSite)} ·{' '}
      {row.hostOnly ? 'host-only' : `Domain=${row.domain}`} · Expires {expiryLabel(row)} · {row.size} B
    </p>
  );
}

/** A long value on one line, cut in the middle; the whole of it in the tooltip. */
export function CookieValueLine({ value, children }: { value: string; children?: ComponentChildren }) {
  return (
    <p class="cookie-value">
      <code title={value}>{truncateMiddle(value, VALUE_CHARS) || '(empty)'}</code>
      {children}
    </p>
  );
}

export interface ReadCookieItemProps {
  /** The cookie's name as shown (and its data-cookie); a bare value has a label instead. */
  name: string;
  /** Where the cookie lives (a jar's domain and path); null for a pasted one. */
  where: string | null;
  reading: CookieReading;
  /** The verdict line while no key is given: it says where the key goes. */
  noKey: string;
  /** Opened from the start (a pasted cookie is what the person came for). */
  open?: boolean;
  /** The tab's own lines above the engine's reading. */
  children?: ComponentChildren;
}

export function ReadCookieItem({ name, where, reading: r, noKey, open = false, children }: ReadCookieItemProps) {
  const verdict = r.signatureOf === null && r.decoded !== null ? verdictLine(r.verdict, noKey) : null;
  return (
    <li class="read-cookie" data-cookie={name}>
      <details open={open}>
        <summary>
          <span class="mono cookie-name">{name}</span>
          {where !== null && <span class="cookie-where">{where}</span>}
          {r.decoded !== null && <span class="badge badge-format">{r.decoded.title}</span>}
          {r.signatureOf !== null && <span class="badge">signature of {r.signatureOf}</span>}
          {r.weakKey !== null && <span class="badge badge-weak">weak key</span>}
          {verdict !== null && verdict.tone !== 'neutral' && (
            <span class={`badge badge-${verdict.tone}`}>{verdict.tone === 'good' ? 'valid' : 'does not match'}</span>
          )}
        </summary>
        <div class="read-cookie-body">
          {children}
          {r.decoded === null ? (
            r.signatureOf === null && <p class="muted">Not a session format the auditor knows: shown as it is.</p>
          ) : (
            <>
              <dl class="facts">
                {r.decoded.facts.map((f) => (
                  <div key={f.label}>
                    <dt>{f.label}</dt>
                    <dd>{f.value}</dd>
                  </div>
                ))}
              </dl>
              <pre class="code-box payload">{r.decoded.payload.text}</pre>
              {r.decoded.notes.map((note) => (
                <p key={note} class="note">
                  {note}
                </p>
              ))}
              {verdict !== null && <p class={`verdict verdict-${verdict.tone}`}>{verdict.text}</p>}
              {r.verdict.state === 'valid' && r.verdict.revealed !== null && <pre class="code-box payload">{r.verdict.revealed.text}</pre>}
            </>
          )}
          {r.weakKey !== null && (
            <p class="weak-key-line">
              Signed with a known weak key: <code class="found-key">{r.weakKey.key}</code> ({r.weakKey.form}, {r.weakKey.variant}). Anyone with this list can
              forge this cookie.
            </p>
          )}
        </div>
      </details>
    </li>
  );
}

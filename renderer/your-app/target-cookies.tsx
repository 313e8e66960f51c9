// Each cookie of the Your app partition as the auditor read it: its format, what
// it holds (escaped text, never HTML), the verdict with the typed key and a
// weak key the crack found. Keyed by name, domain and path; a row draws again
// only when its own reading changed.
import type { KeyVerdict, TargetCookieView } from '../../contract';
import { expiryLabel, sameSiteLabel, truncateMiddle, yesNo } from '../cookie-format';
import { pure } from '../pure';

const VALUE_CHARS = 48;

/** A cookie's identity in the jar, as the browser keys it. */
export const cookieKey = (c: TargetCookieView): string => `${c.cookie.name}\u0000${c.cookie.domain}\u0000${c.cookie.path}`;

export function verdictLine(verdict: KeyVerdict): { text: string; tone: 'good' | 'bad' | 'neutral' } {
  switch (verdict.state) {
    case 'no-key':
      return { text: 'Signature not checked: give the key above.', tone: 'neutral' };
    case 'valid':
      return { text: `Signature valid with your key (${verdict.variant}).`, tone: 'good' };
    case 'invalid':
      return { text: `Signature does NOT match your key: ${verdict.reason}`, tone: 'bad' };
    case 'unverifiable':
      return { text: verdict.reason, tone: 'neutral' };
  }
}

export function TargetCookieList({ cookies }: { cookies: readonly TargetCookieView[] }) {
  return (
    <ul class="target-cookie-list" id="target-cookies" aria-labelledby="target-decoded-title">
      {cookies.map((c) => (
        <CookieItem key={cookieKey(c)} cookie={c} />
      ))}
    </ul>
  );
}

const CookieItem = pure(
  ({ cookie: c }: { cookie: TargetCookieView }) => {
    const row = c.cookie;
    const verdict = c.signatureOf === null && c.decoded !== null ? verdictLine(c.verdict) : null;
    return (
      <li class="target-cookie" data-cookie={row.name}>
        <details>
          <summary>
            <span class="mono cookie-name">{row.name}</span>
            <span class="cookie-where">
              {row.domain.replace(/^\./, '')}
              {row.path === '/' ? '' : row.path}
            </span>
            {c.decoded !== null && <span class="badge badge-format">{c.decoded.title}</span>}
            {c.signatureOf !== null && <span class="badge">signature of {c.signatureOf}</span>}
            {c.weakKey !== null && <span class="badge badge-weak">weak key</span>}
            {verdict !== null && verdict.tone !== 'neutral' && <span class={`badge badge-${verdict.tone}`}>{verdict.tone === 'good' ? 'valid' : 'does not match'}</span>}
          </summary>
          <div class="target-cookie-body">
            <p class="cookie-attributes">
              Secure {yesNo(row.secure)} · HttpOnly {yesNo(row.httpOnly)} · SameSite {sameSiteLabel(row.sameSite)} · {row.hostOnly ? 'host-only' : `Domain=${row.domain}`} · Expires{' '}
              {expiryLabel(row)} · {row.size} B
            </p>
            <p class="cookie-value">
              <code title={row.value}>{truncateMiddle(row.value, VALUE_CHARS) || '(empty)'}</code>
            </p>
            {c.decoded === null ? (
              c.signatureOf === null && <p class="muted">Not a session format the auditor knows: shown as it is.</p>
            ) : (
              <>
                <dl class="facts">
                  {c.decoded.facts.map((f) => (
                    <div key={f.label}>
                      <dt>{f.label}</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
                <pre class="code-box payload">{c.decoded.payload.text}</pre>
                {c.decoded.notes.map((note) => (
                  <p key={note} class="note">
                    {note}
                  </p>
                ))}
                {verdict !== null && <p class={`verdict verdict-${verdict.tone}`}>{verdict.text}</p>}
                {c.verdict.state === 'valid' && c.verdict.revealed !== null && <pre class="code-box payload">{c.verdict.revealed.text}</pre>}
              </>
            )}
            {c.weakKey !== null && (
              <p class="weak-key-line">
                Signed with a known weak key: <code class="found-key">{c.weakKey.key}</code> ({c.weakKey.form}, {c.weakKey.variant}). Anyone with this list can forge this cookie.
              </p>
            )}
          </div>
        </details>
      </li>
    );
  },
  (a, b) => JSON.stringify(a.cookie) === JSON.stringify(b.cookie),
);

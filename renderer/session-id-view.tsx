// The express-session ID cookie taken apart (Lab III's server-side sessions):
// the ID, the signature verdict by the server's keys, and the record the store
// holds for it, read from the store by the main process.
import type { SessionIdInspection } from '../contract';
import { formatDate, truncateMiddle, verdictText } from './cookie-format';
import { useLabWindow } from './lab-window';
import { useStore } from './store';

/** The record's JSON, indented, or why there is none to show. */
function recordText(seen: SessionIdInspection): { text: string; muted: boolean } {
  if (seen.storeError !== null) return { text: seen.storeError, muted: true };
  if (!seen.received) return { text: `No ${seen.name} cookie: no server-side session.`, muted: true };
  if (seen.verdict.state !== 'valid') return { text: 'Not looked up: the server ignores an ID whose signature does not hold.', muted: true };
  if (seen.record === null)
    return { text: 'No record for this ID: it is unknown, expired or was destroyed (a logout ends it). The server treats it as no session.', muted: true };
  try {
    return { text: JSON.stringify(JSON.parse(seen.record.json), null, 2), muted: false };
  } catch {
    return { text: seen.record.json, muted: false };
  }
}

export function SessionIdCard() {
  const { lab, inspector } = useLabWindow();
  const seen = useStore(inspector.sessionId);
  const error = useStore(inspector.sessionIdError);
  if (lab === null) return null;
  const verdict = seen === null ? null : verdictText(seen);
  const record = seen === null ? { text: '', muted: true } : recordText(seen);
  return (
    <section class="card session-id-card" id="session-id" aria-labelledby="session-id-title">
      <h2 id="session-id-title">Session ID cookie (server-side)</h2>
      <p class="hint">
        {seen === null
          ? 'Asking the main process…'
          : `The ${seen.name} cookie holds only an ID; the data is in the store (${seen.store.description}). The app checks the ID’s signature with the server’s keys and reads the record from the store itself.`}
      </p>
      <p class="error" role="alert">
        {error}
      </p>
      {seen !== null && (
        <dl class="facts session-id-facts">
          <div class="fact">
            <dt>Cookie</dt>
            <dd id="session-id-value">{seen.value === null ? '(none)' : <code>{truncateMiddle(seen.value, 48)}</code>}</dd>
          </div>
          <div class="fact">
            <dt>Session ID</dt>
            <dd id="session-id-sid">{seen.sid === null ? '(none)' : <code>{seen.sid}</code>}</dd>
          </div>
          <div class={`fact fact-${verdict?.tone ?? 'neutral'}`}>
            <dt>Signature</dt>
            <dd id="session-id-verdict">{verdict?.text ?? ''}</dd>
          </div>
          <div class="fact">
            <dt>Size</dt>
            <dd id="session-id-size">
              {seen.received
                ? `${seen.sizeBytes} bytes in the browser${seen.record === null ? '' : `, ${seen.record.bytes.toLocaleString('en-US')} bytes in the store`}`
                : '0 bytes'}
            </dd>
          </div>
          {seen.record !== null && seen.record.expiresAt !== null && (
            <div class="fact">
              <dt>The store drops it</dt>
              <dd id="session-id-expires">{formatDate(seen.record.expiresAt)}</dd>
            </div>
          )}
        </dl>
      )}
      <h3>The store’s record</h3>
      <pre id="session-id-record" class={record.muted ? 'code-box payload muted' : 'code-box payload'}>
        {record.text}
      </pre>
    </section>
  );
}

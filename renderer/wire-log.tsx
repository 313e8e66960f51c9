// The wire log: per request, the Cookie header sent and the Set-Cookie headers
// received, newest first; keyed entries, so a new request adds only its own.
// The lab's own log by default; the Your app tab passes its view's.
import type { WireEntry } from '../contract';
import { formatTime } from './cookie-format';
import type { Log, LogEntry } from './inspector-model';
import { useLabWindow } from './lab-window';
import { pure } from './pure';
import { useStore } from './store';

export interface WireLogSource {
  log: Log<WireEntry>;
  /** Ids of the card's parts: `<id>-title`, `<id>-log`. */
  id: string;
  hint: string;
  empty: string;
}

export function WireLogCard({ source }: { source?: WireLogSource }) {
  const { lab, inspector } = useLabWindow();
  const entries = useStore((source?.log ?? inspector.wire).store);
  const id = source?.id ?? 'wire';
  return (
    <section class="card log-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>On the wire</h2>
      <p class="hint">{source?.hint ?? 'The Cookie header each request sent, and the Set-Cookie headers it got back.'}</p>
      <div id={`${id}-log`} class="log-scroll wire-log">
        {lab === null ? (
          <p class="needs-desktop">
            The wire log needs the desktop app, which sees the Cookie and Set-Cookie headers of every request. Page scripts cannot read them.
          </p>
        ) : entries.length === 0 ? (
          <p class="empty">{source?.empty ?? 'No requests yet. Log in or count a visit to see the cookies travel.'}</p>
        ) : (
          <ol class="wire-list">
            {entries.map((entry) => (
              <WireItem key={entry.id} entry={entry} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

const None = () => <span class="muted">(none)</span>;

const WireItem = pure(({ entry: { item: entry } }: { entry: LogEntry<WireEntry> }) => {
  const ok = entry.status !== null && entry.status < 400;
  return (
    <li class="wire-entry">
      <p class="wire-line">
        <span class="method">{entry.method}</span> <span class="mono wire-path">{entry.path}</span>{' '}
        <span class={`http-status ${ok ? 'ok' : 'bad'}`}>{entry.status === null ? 'failed' : String(entry.status)}</span>
        <span class="wire-time">{formatTime(entry.time)}</span>
      </p>
      <dl class="headers">
        <dt>Cookie sent</dt>
        <dd>{entry.cookieSent === null ? <None /> : <code>{entry.cookieSent}</code>}</dd>
        <dt>Set-Cookie received</dt>
        <dd>
          {entry.setCookies.length === 0 ? (
            <None />
          ) : (
            entry.setCookies.map((line, i) => (
              <code key={i} class="set-cookie">
                {line}
              </code>
            ))
          )}
        </dd>
        {/* The lab's own headers: which instance answered, a session refused as expired. */}
        {entry.labHeaders.length > 0 && <dt>Lab headers</dt>}
        {entry.labHeaders.length > 0 && (
          <dd>
            {entry.labHeaders.map((line, i) => (
              <code key={i} class="lab-header">
                {line}
              </code>
            ))}
          </dd>
        )}
      </dl>
    </li>
  );
});

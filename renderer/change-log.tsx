// The live change log: every add, overwrite and removal in the jar, newest
// first. Entries are keyed and never change, so a new batch adds only its rows.
// The lab's own log by default; the Your app tab passes its partition's, which spans domains.
import type { JarChange } from '../contract';
import { formatTime, sessionJson, truncateMiddle } from './cookie-format';
import type { Log, LogEntry } from './inspector-model';
import { useLabWindow } from './lab-window';
import { pure } from './pure';
import { TableHead } from './table-head';
import { useStore } from './store';

const VALUE_CHARS = 28;

export interface ChangeLogSource {
  log: Log<JarChange>;
  /** Ids of the card's parts: `<id>-title`, `<id>-log`, `<id>-clear`. */
  id: string;
  empty: string;
}

export function ChangeLogCard({ source }: { source?: ChangeLogSource }) {
  const { lab, inspector } = useLabWindow();
  const log = source?.log ?? inspector.changes;
  const entries = useStore(log.store);
  // The lab's ids predate the Your app tab: changes-title, change-log, changes-clear.
  const ids =
    source === undefined
      ? { title: 'changes-title', log: 'change-log', clear: 'changes-clear' }
      : { title: `${source.id}-title`, log: `${source.id}-log`, clear: `${source.id}-clear` };
  const withDomain = source !== undefined;
  return (
    <section class="card log-card" aria-labelledby={ids.title}>
      <div class="card-head">
        <h2 id={ids.title}>Live changes</h2>
        <button type="button" id={ids.clear} class="small" hidden={lab === null} onClick={log.clear}>
          Clear log
        </button>
      </div>
      <div id={ids.log} class="log-scroll change-log">
        {lab === null ? (
          <p class="needs-desktop">The live change log needs the desktop app, which watches the browser’s cookie store.</p>
        ) : entries.length === 0 ? (
          <p class="empty">{source?.empty ?? 'No changes yet. Every cookie the server sets, and every edit you make, appears here as it happens.'}</p>
        ) : (
          <table class="log-table">
            <caption class="visually-hidden">Cookie changes, newest first</caption>
            <TableHead labels={['Time', 'Cookie', 'Change', 'Value']} />
            <tbody>
              {entries.map((entry) => (
                <ChangeRow key={entry.id} entry={entry} withDomain={withDomain} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

const ChangeRow = pure(({ entry: { item: change }, withDomain }: { entry: LogEntry<JarChange>; withDomain: boolean }) => (
  <tr class={`change-${change.kind}`}>
    <td class="num">{formatTime(change.time)}</td>
    <td class="mono">
      {change.name}
      {withDomain && <span class="change-domain">{change.domain.replace(/^\./, '')}</span>}
    </td>
    <td>
      <span class={`badge badge-${change.kind}`}>{change.kind}</span> <span class="cause">{change.cause}</span>
    </td>
    <td class="value-change">
      <ValueChange change={change} />
    </td>
  </tr>
));

function ValueChange({ change }: { change: JarChange }) {
  const before = change.previousValue !== null && change.kind !== 'added' ? change.previousValue : null;
  const after = change.value !== null && change.kind !== 'removed' ? change.value : null;
  return (
    <span>
      {before !== null && <ShortValue value={before} age="old" />}
      {change.previousValue !== null && change.value !== null && change.kind === 'updated' && ' → '}
      {after !== null && <ShortValue value={after} age="new" />}
    </span>
  );
}

/** The session JSON when the value is one (the lesson), else the value's two ends. */
function ShortValue({ value, age }: { value: string; age: 'old' | 'new' }) {
  return (
    <code class={`value-${age}`} title={value}>
      {sessionJson(value) ?? truncateMiddle(value, VALUE_CHARS)}
    </code>
  );
}

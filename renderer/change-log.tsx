// The live change log: every add, overwrite and removal in the jar, newest
// first. Entries are keyed and never change, so a new batch adds only its rows.
import type { JarChange } from '../contract';
import { formatTime, sessionJson, truncateMiddle } from './cookie-format';
import type { LogEntry } from './inspector-model';
import { useLabWindow } from './lab-window';
import { pure } from './pure';
import { TableHead } from './table-head';
import { useStore } from './store';

const VALUE_CHARS = 28;

export function ChangeLogCard() {
  const { lab, inspector } = useLabWindow();
  const entries = useStore(inspector.changes.store);
  return (
    <section class="card log-card" aria-labelledby="changes-title">
      <div class="card-head">
        <h2 id="changes-title">Live changes</h2>
        <button type="button" id="changes-clear" class="small" hidden={lab === null} onClick={inspector.changes.clear}>
          Clear log
        </button>
      </div>
      <div id="change-log" class="log-scroll change-log">
        {lab === null ? (
          <p class="needs-desktop">The live change log needs the desktop app, which watches the browser’s cookie store.</p>
        ) : entries.length === 0 ? (
          <p class="empty">No changes yet. Every cookie the server sets, and every edit you make, appears here as it happens.</p>
        ) : (
          <table class="log-table">
            <caption class="visually-hidden">Cookie changes, newest first</caption>
            <TableHead labels={['Time', 'Cookie', 'Change', 'Value']} />
            <tbody>
              {entries.map((entry) => (
                <ChangeRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

const ChangeRow = pure(({ entry: { item: change } }: { entry: LogEntry<JarChange> }) => (
  <tr class={`change-${change.kind}`}>
    <td class="num">{formatTime(change.time)}</td>
    <td class="mono">{change.name}</td>
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

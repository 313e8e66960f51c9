// The live change log: every add, overwrite and removal in the jar, newest first.
import type { JarChange } from '../contract';
import { formatTime, sessionJson, truncateMiddle } from './cookie-format';
import { h } from './dom';

const MAX_ENTRIES = 200;
const VALUE_CHARS = 28;

export interface ChangeLog {
  add(changes: readonly JarChange[]): void;
  clear(): void;
}

export function createChangeLog(container: HTMLElement): ChangeLog {
  const body = h('tbody');
  const empty = h('p', { className: 'empty' }, 'No changes yet. Every cookie the server sets, and every edit you make, appears here as it happens.');
  const table = h(
    'table',
    { className: 'log-table' },
    h('caption', { className: 'visually-hidden' }, 'Cookie changes, newest first'),
    h('thead', {}, h('tr', {}, ...['Time', 'Cookie', 'Change', 'Value'].map((label) => h('th', { scope: 'col' }, label)))),
    body,
  );
  const show = (): void => container.replaceChildren(body.rows.length === 0 ? empty : table);
  show();

  return {
    add(changes) {
      // Newest batch on top; within a batch, the order the jar reported.
      body.prepend(...changes.map(changeRow));
      while (body.rows.length > MAX_ENTRIES) body.lastElementChild?.remove();
      show();
    },
    clear() {
      body.replaceChildren();
      show();
    },
  };
}

function changeRow(change: JarChange): HTMLTableRowElement {
  return h(
    'tr',
    { className: `change-${change.kind}` },
    h('td', { className: 'num' }, formatTime(change.time)),
    h('td', { className: 'mono' }, change.name),
    h('td', {}, h('span', { className: `badge badge-${change.kind}` }, change.kind), ' ', h('span', { className: 'cause' }, change.cause)),
    h('td', { className: 'value-change' }, valueChange(change)),
  );
}

function valueChange(change: JarChange): HTMLElement {
  const wrap = h('span');
  if (change.previousValue !== null && change.kind !== 'added') wrap.append(shortValue(change.previousValue, 'old'));
  if (change.previousValue !== null && change.value !== null && change.kind === 'updated') wrap.append(' → ');
  if (change.value !== null && change.kind !== 'removed') wrap.append(shortValue(change.value, 'new'));
  return wrap;
}

/** The session JSON when the value is one (the lesson), else the value's two ends. */
function shortValue(value: string, age: 'old' | 'new'): HTMLElement {
  const json = sessionJson(value);
  const el = h('code', { className: `value-${age}`, title: value }, json ?? truncateMiddle(value, VALUE_CHARS));
  return el;
}

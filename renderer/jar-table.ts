// The cookie jar as a table: every attribute the browser keeps, per cookie.
import type { CookieRow } from '../contract';
import { expiryLabel, formatDate, sameSiteLabel, truncate, yesNo } from './cookie-format';
import { h } from './dom';

const VALUE_PREVIEW_CHARS = 15;
const HEADERS = ['Name', 'Value', 'Domain', 'Host-only', 'Path', 'Secure', 'HttpOnly', 'SameSite', 'Expires', 'Size', 'Actions'];

export interface JarTableActions {
  onEdit(row: CookieRow, button: HTMLButtonElement): void;
  onDelete(row: CookieRow): void;
}

export function renderJarTable(container: HTMLElement, rows: readonly CookieRow[], actions: JarTableActions): void {
  if (rows.length === 0) {
    container.replaceChildren(h('p', { className: 'empty' }, 'The jar holds no cookies for this server. Log in or count a visit to get one.'));
    return;
  }
  const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
  const table = h(
    'table',
    { className: 'jar-table' },
    h('caption', { className: 'visually-hidden' }, 'Cookies the browser holds for this server'),
    h('thead', {}, h('tr', {}, ...HEADERS.map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, ...sorted.map((row) => jarRow(row, actions))),
  );
  container.replaceChildren(table);
}

function jarRow(row: CookieRow, actions: JarTableActions): HTMLTableRowElement {
  const edit = h('button', { type: 'button', className: 'small', 'aria-label': `Edit value of ${row.name}` }, 'Edit value');
  edit.addEventListener('click', () => actions.onEdit(row, edit));
  const remove = h('button', { type: 'button', className: 'small danger', 'aria-label': `Delete ${row.name}` }, 'Delete');
  remove.addEventListener('click', () => actions.onDelete(row));

  const expires = h('td', { className: 'expires' }, expiryLabel(row));
  if (row.expirationDate !== null) expires.title = `Expires ${formatDate(row.expirationDate * 1000)} (local time)`;

  return h(
    'tr',
    {},
    h('th', { scope: 'row', className: 'mono' }, row.name),
    h('td', { className: 'value-cell' }, valueView(row.value)),
    h('td', {}, row.domain),
    h('td', {}, yesNo(row.hostOnly)),
    h('td', { className: 'mono' }, row.path),
    h('td', {}, yesNo(row.secure)),
    h('td', { className: row.httpOnly ? 'flag-on' : '' }, yesNo(row.httpOnly)),
    h('td', {}, sameSiteLabel(row.sameSite)),
    expires,
    h('td', { className: 'num' }, `${row.size} B`),
    h('td', { className: 'row-actions' }, edit, remove),
  );
}

/** A short preview; the full value one click (or Enter) away. */
function valueView(value: string): HTMLElement {
  const preview = truncate(value, VALUE_PREVIEW_CHARS);
  if (preview === value) return h('code', {}, value === '' ? '(empty)' : value);
  return h('details', { className: 'full-value' }, h('summary', {}, h('code', {}, preview)), h('code', { className: 'value-full' }, value));
}

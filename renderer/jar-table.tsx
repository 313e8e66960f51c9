// The cookie jar as a table: every attribute the browser keeps, per cookie.
// Rows are keyed by name, domain and path and drawn again only when their
// cookie changed, so a jar of 200 cookies repaints only what a response touched.
import type { CookieRow } from '../contract';
import { expiryLabel, formatDate, sameSiteLabel, truncate, yesNo } from './cookie-format';
import { pure } from './pure';
import { TableHead } from './table-head';

const VALUE_PREVIEW_CHARS = 15;
const HEADERS = ['Name', 'Value', 'Domain', 'Host-only', 'Path', 'Secure', 'HttpOnly', 'SameSite', 'Expires', 'Size', 'Actions'];

export interface JarTableActions {
  onEdit(row: CookieRow, button: HTMLButtonElement): void;
  onDelete(row: CookieRow): void;
}

/** A cookie's identity in the jar, as the browser keys it. */
export const rowKey = (row: CookieRow): string => `${row.name}\u0000${row.domain}\u0000${row.path}`;

export function JarTable({ rows, actions }: { rows: readonly CookieRow[]; actions: JarTableActions }) {
  if (rows.length === 0) return <p class="empty">The jar holds no cookies for this server. Log in or count a visit to get one.</p>;
  const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
  return (
    <table class="jar-table">
      <caption class="visually-hidden">Cookies the browser holds for this server</caption>
      <TableHead labels={HEADERS} />
      <tbody>
        {sorted.map((row) => (
          <JarRow key={rowKey(row)} row={row} actions={actions} />
        ))}
      </tbody>
    </table>
  );
}

/** Every field the same: a cookie row holds only strings, numbers, booleans and null. */
function sameCookie(a: CookieRow, b: CookieRow): boolean {
  const keys = Object.keys(a) as (keyof CookieRow)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

// Every reading brings new objects: compare what the row shows, not identity.
const JarRow = pure<{ row: CookieRow; actions: JarTableActions }>(
  ({ row, actions }) => (
    <tr>
      <th scope="row" class="mono">
        {row.name}
      </th>
      <td class="value-cell">
        <ValueView value={row.value} />
      </td>
      <td>{row.domain}</td>
      <td>{yesNo(row.hostOnly)}</td>
      <td class="mono">{row.path}</td>
      <td>{yesNo(row.secure)}</td>
      <td class={row.httpOnly ? 'flag-on' : ''}>{yesNo(row.httpOnly)}</td>
      <td>{sameSiteLabel(row.sameSite)}</td>
      <td class="expires" title={row.expirationDate === null ? undefined : `Expires ${formatDate(row.expirationDate * 1000)} (local time)`}>
        {expiryLabel(row)}
      </td>
      <td class="num">{`${row.size} B`}</td>
      <td class="row-actions">
        <button type="button" class="small" aria-label={`Edit value of ${row.name}`} onClick={(event) => actions.onEdit(row, event.currentTarget)}>
          Edit value
        </button>
        <button type="button" class="small danger" aria-label={`Delete ${row.name}`} onClick={() => actions.onDelete(row)}>
          Delete
        </button>
      </td>
    </tr>
  ),
  (a, b) => a.actions === b.actions && sameCookie(a.row, b.row),
);

/** A short preview; the full value one click (or Enter) away. */
function ValueView({ value }: { value: string }) {
  const preview = truncate(value, VALUE_PREVIEW_CHARS);
  if (preview === value) return <code>{value === '' ? '(empty)' : value}</code>;
  return (
    <details class="full-value">
      <summary>
        <code>{preview}</code>
      </summary>
      <code class="value-full">{value}</code>
    </details>
  );
}

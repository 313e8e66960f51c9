// The cookie jar as a table, for a jar of one origin or of many: a filter,
// columns that sort, session cookies first, only those with findings, groups by
// domain that fold, and each row opening onto its whole value and its findings.
// Rows are keyed by name, domain and path and drawn again only when their
// cookie, its findings or its open state changed, so a reading of a jar of 180
// repaints only what a response touched.
import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import type { AuditedCookie, CookieAudit, CookieFinding, CookieRow } from '../contract';
import { expiryLabel, formatDate, sameSiteLabel, yesNo } from './cookie-format';
import { FindingBadge, FindingList, sessionSentence } from './finding-list';
import { arrangeJar, DEFAULT_VIEW, rowKey, SORT_COLUMNS, type JarArrangement, type JarGroup, type JarViewOptions, type SortColumn } from './jar-view';
import { pure } from './pure';
import { useLocalStore } from './store';
import { TableHead } from './table-head';

const HEADERS = ['Name', 'Value', 'Domain', 'Host-only', 'Path', 'Secure', 'HttpOnly', 'SameSite', 'Expires', 'Size', 'Findings'];

export interface JarTableActions {
  onEdit(row: CookieRow, button: HTMLButtonElement): void;
  onDelete(row: CookieRow): void;
}

export interface JarTableProps {
  rows: readonly AuditedCookie[];
  /** Names the table for assistive technology. */
  caption: string;
  /** What an empty jar says. */
  empty: string;
  /** Each row's buttons (Edit value, Delete); without them the table has no Actions column. */
  actions?: JarTableActions;
  /** Opens a cookie (with its `.sig`, if it has one) in the Decoder, from its opened row; without it the row has no such button. */
  onDecode?: (row: CookieRow) => void;
  /** Keeps the controls' ids apart when two tables share a page. */
  idPrefix: string;
  /** How the table starts: a jar of many origins starts grouped by domain. */
  initialView?: Partial<JarViewOptions>;
}

const toggled = (set: ReadonlySet<string>, key: string): ReadonlySet<string> => {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
};

export function JarTable({ rows, caption, empty, actions, onDecode, idPrefix, initialView }: JarTableProps) {
  const [view, views] = useLocalStore<JarViewOptions>(() => ({ ...DEFAULT_VIEW, ...initialView }));
  const [open, opened] = useLocalStore<ReadonlySet<string>>(() => new Set());
  const [collapsed, collapses] = useLocalStore<ReadonlySet<string>>(() => new Set());
  const arranged = useMemo(() => arrangeJar(rows, view), [rows, view]);
  // One object each for the table's life: rows compare them to know they need not draw again.
  const onToggle = useMemo(() => (key: string) => opened.update((s) => toggled(s, key)), []);
  const onCollapse = useMemo(() => (domain: string) => collapses.update((s) => toggled(s, domain)), []);
  const set = (change: Partial<JarViewOptions>) => views.update((v) => ({ ...v, ...change }));

  if (rows.length === 0) return <p class="empty">{empty}</p>;
  const labels = actions === undefined ? HEADERS : [...HEADERS, 'Actions'];
  const sort = {
    columns: SORT_COLUMNS,
    by: view.sortBy,
    direction: view.direction,
    // A new column sorts ascending, but Findings worst first; the sorted one turns around.
    onSort: (column: SortColumn) =>
      set(
        column === view.sortBy
          ? { direction: view.direction === 'ascending' ? 'descending' : 'ascending' }
          : { sortBy: column, direction: column === 'Findings' ? 'descending' : 'ascending' },
      ),
  };
  return (
    <div class="jar-view">
      <JarToolbar idPrefix={idPrefix} view={view} set={set} arranged={arranged} />
      {arranged.shown === 0 ? (
        <p class="empty">
          {view.onlyFindings && view.filter.trim() === ''
            ? 'No cookie has a finding.'
            : `No cookie matches “${view.filter.trim()}”${view.onlyFindings ? ' among those with findings' : ''}.`}
        </p>
      ) : (
        // Only the table scrolls sideways: the controls above it stay in view.
        <div class="table-scroll jar-scroll">
          <table class="jar-table">
            <caption class="visually-hidden">{caption}</caption>
            <TableHead labels={labels} sort={sort} />
            {arranged.groups.map((group) => (
              <GroupBody
                key={group.domain ?? '\u0000all'}
                group={group}
                columns={labels.length}
                collapsed={group.domain !== null && collapsed.has(group.domain)}
                onCollapse={onCollapse}
                open={open}
                onToggle={onToggle}
                actions={actions}
                onDecode={onDecode}
                idPrefix={idPrefix}
              />
            ))}
          </table>
        </div>
      )}
    </div>
  );
}

function JarToolbar({
  idPrefix,
  view,
  set,
  arranged,
}: {
  idPrefix: string;
  view: JarViewOptions;
  set(change: Partial<JarViewOptions>): void;
  arranged: JarArrangement;
}) {
  const { shown, total, withFindings } = arranged;
  const count = `${shown === total ? `${total} ${total === 1 ? 'cookie' : 'cookies'}` : `Showing ${shown} of ${total} cookies`}${withFindings > 0 ? ` · ${withFindings} with findings` : ''}`;
  const check = (key: 'onlyFindings' | 'sessionFirst' | 'groupByDomain', label: string) => (
    <label class="check">
      <input type="checkbox" id={`${idPrefix}-${key}`} checked={view[key]} onChange={(event) => set({ [key]: event.currentTarget.checked })} /> {label}
    </label>
  );
  return (
    <div class="jar-toolbar">
      <input
        type="search"
        id={`${idPrefix}-filter`}
        class="jar-filter"
        aria-label="Filter cookies by name, domain or value"
        placeholder="Filter by name, domain or value"
        aria-describedby={`${idPrefix}-count`}
        spellcheck={false}
        value={view.filter}
        onInput={(event) => set({ filter: event.currentTarget.value })}
      />
      {check('onlyFindings', `Only cookies with findings (${withFindings})`)}
      {check('sessionFirst', 'Session cookies first')}
      {check('groupByDomain', 'Group by domain')}
      <p id={`${idPrefix}-count`} class="jar-count" role="status">
        {count}
      </p>
    </div>
  );
}

interface GroupBodyProps {
  group: JarGroup;
  columns: number;
  collapsed: boolean;
  onCollapse(domain: string): void;
  open: ReadonlySet<string>;
  onToggle(key: string): void;
  actions: JarTableActions | undefined;
  onDecode: ((row: CookieRow) => void) | undefined;
  idPrefix: string;
}

function GroupBody({ group, columns, collapsed, onCollapse, open, onToggle, actions, onDecode, idPrefix }: GroupBodyProps) {
  return (
    <tbody class={group.domain === null ? undefined : 'jar-group'}>
      {group.domain !== null && (
        <GroupRow
          domain={group.domain}
          shown={group.rows.length}
          total={group.total}
          withFindings={group.withFindings}
          columns={columns}
          collapsed={collapsed}
          onCollapse={onCollapse}
        />
      )}
      {!collapsed &&
        group.rows.map((audited) => {
          const key = rowKey(audited.cookie);
          return (
            <JarRow
              key={key}
              rowId={key}
              audited={audited}
              open={open.has(key)}
              onToggle={onToggle}
              columns={columns}
              actions={actions}
              onDecode={onDecode}
              detailsId={`${idPrefix}-cookie-${encodeURIComponent(key)}`}
            />
          );
        })}
    </tbody>
  );
}

const GroupRow = pure<{
  domain: string;
  shown: number;
  total: number;
  withFindings: number;
  columns: number;
  collapsed: boolean;
  onCollapse(domain: string): void;
}>(({ domain, shown, total, withFindings, columns, collapsed, onCollapse }) => (
  <tr class="group-row">
    <th scope="rowgroup" colSpan={columns}>
      <button type="button" class="group-toggle" aria-expanded={!collapsed} onClick={() => onCollapse(domain)}>
        {domain}
      </button>{' '}
      <span class="group-count">
        {shown === total ? `${total} ${total === 1 ? 'cookie' : 'cookies'}` : `${shown} of ${total} cookies`}
        {withFindings > 0 ? ` · ${withFindings} with findings` : ''}
      </span>
    </th>
  </tr>
));

/** Every field the same: a cookie row holds only strings, numbers, booleans and null. */
function sameCookie(a: CookieRow, b: CookieRow): boolean {
  const keys = Object.keys(a) as (keyof CookieRow)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const sameFinding = (a: CookieFinding, b: CookieFinding): boolean =>
  a.rule === b.rule && a.severity === b.severity && a.title === b.title && a.why === b.why && a.fix === b.fix && a.reference === b.reference;

function sameAudit(a: CookieAudit, b: CookieAudit): boolean {
  return (
    a.sessionLike === b.sessionLike &&
    a.framework === b.framework &&
    a.findings.length === b.findings.length &&
    a.findings.every((f, i) => f === b.findings[i] || sameFinding(f, b.findings[i]!))
  );
}

interface JarRowProps {
  rowId: string;
  audited: AuditedCookie;
  open: boolean;
  onToggle(key: string): void;
  columns: number;
  actions: JarTableActions | undefined;
  onDecode: ((row: CookieRow) => void) | undefined;
  detailsId: string;
}

// Every reading brings new objects: compare what the row shows, not identity.
const JarRow = pure<JarRowProps>(
  ({ rowId, audited, open, onToggle, columns, actions, onDecode, detailsId }) => {
    const { cookie: row, audit } = audited;
    return (
      <Fragment>
        <tr class={`jar-row${audit.sessionLike ? ' session-like' : ''}${open ? ' open' : ''}`}>
          <th scope="row" class="mono">
            <button type="button" class="row-open" aria-expanded={open} aria-controls={open ? detailsId : undefined} onClick={() => onToggle(rowId)}>
              {row.name}
            </button>
          </th>
          <td class="value-cell">
            <code class="value-line">{row.value === '' ? '(empty)' : row.value}</code>
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
          <td class="findings-cell">
            <FindingBadge findings={audit.findings} />
          </td>
          {actions !== undefined && (
            <td class="row-actions">
              <button type="button" class="small" aria-label={`Edit value of ${row.name}`} onClick={(event) => actions.onEdit(row, event.currentTarget)}>
                Edit value
              </button>
              <button type="button" class="small danger" aria-label={`Delete ${row.name}`} onClick={() => actions.onDelete(row)}>
                Delete
              </button>
            </td>
          )}
        </tr>
        {open && (
          <tr class="row-details" id={detailsId}>
            <td colSpan={columns}>
              <div class="cookie-details">
                <p class="details-label">{`Value of ${row.name}, ${row.size} bytes with its name. ${sessionSentence(audit)}`}</p>
                <code class="value-full">{row.value === '' ? '(empty)' : row.value}</code>
                {onDecode !== undefined && (
                  <button type="button" class="small" aria-label={`Open ${row.name} in the Decoder`} onClick={() => onDecode(row)}>
                    Open in the Decoder
                  </button>
                )}
                <FindingList findings={audit.findings} />
              </div>
            </td>
          </tr>
        )}
      </Fragment>
    );
  },
  (a, b) =>
    a.rowId === b.rowId &&
    a.open === b.open &&
    a.onToggle === b.onToggle &&
    a.columns === b.columns &&
    a.actions === b.actions &&
    a.onDecode === b.onDecode &&
    a.detailsId === b.detailsId &&
    sameCookie(a.audited.cookie, b.audited.cookie) &&
    sameAudit(a.audited.audit, b.audited.audit),
);

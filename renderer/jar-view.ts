// How the jar table arranges its rows: the filter, the sort, session cookies
// first, only those with findings, and groups by domain. Plain functions of the
// rows and the person's choices, so the table only draws what they return.
import { FINDING_SEVERITIES, type AuditedCookie, type CookieRow, type FindingSeverity } from '../contract';

export type SortColumn = 'Name' | 'Domain' | 'Path' | 'Expires' | 'Size' | 'Findings';
export const SORT_COLUMNS: readonly SortColumn[] = ['Name', 'Domain', 'Path', 'Expires', 'Size', 'Findings'];
export type SortDirection = 'ascending' | 'descending';

export interface JarViewOptions {
  /** Matched, case-insensitively, against each cookie's name, domain and value. */
  filter: string;
  sortBy: SortColumn;
  direction: SortDirection;
  sessionFirst: boolean;
  onlyFindings: boolean;
  groupByDomain: boolean;
}

export const DEFAULT_VIEW: JarViewOptions = {
  filter: '',
  sortBy: 'Name',
  direction: 'ascending',
  sessionFirst: true,
  onlyFindings: false,
  groupByDomain: false,
};

export interface JarGroup {
  /** The domain without its leading dot; null when the rows are not grouped. */
  domain: string | null;
  rows: AuditedCookie[];
  /** Cookies of this domain before the filter and "only with findings". */
  total: number;
  /** Of the rows shown, how many have findings. */
  withFindings: number;
}

export interface JarArrangement {
  groups: JarGroup[];
  /** Rows shown, over every group. */
  shown: number;
  total: number;
  /** Cookies with at least one finding, in the whole jar. */
  withFindings: number;
}

/** A cookie's identity in the jar, as the browser keys it. */
export const rowKey = (row: CookieRow): string => `${row.name}\u0000${row.domain}\u0000${row.path}`;

/** The domain a cookie is grouped under: host-only and Domain cookies of one host together. */
export const groupDomain = (row: CookieRow): string => row.domain.replace(/^\./, '').toLowerCase();

const severityRank = (s: FindingSeverity): number => FINDING_SEVERITIES.indexOf(s);

/** Worst finding first, then more findings: a row with one high outranks three infos. */
function findingsWeight(audited: AuditedCookie): number {
  const { findings } = audited.audit;
  if (findings.length === 0) return 0;
  const worst = Math.min(...findings.map((f) => severityRank(f.severity)));
  return (FINDING_SEVERITIES.length - worst) * 1000 + findings.length;
}

// One collator for every comparison: localeCompare with options builds one per call,
// which made sorting a jar of 180 cookies cost half a millisecond a reading.
const collator = new Intl.Collator(undefined, { numeric: true });
const text = (a: string, b: string): number => collator.compare(a, b);
// A browser-session cookie ends first of all: it sorts before every date.
const expiry = (row: CookieRow): number => (row.session || row.expirationDate === null ? -Infinity : row.expirationDate);

const COMPARE: Readonly<Record<SortColumn, (a: AuditedCookie, b: AuditedCookie) => number>> = {
  Name: (a, b) => text(a.cookie.name, b.cookie.name),
  Domain: (a, b) => text(groupDomain(a.cookie), groupDomain(b.cookie)),
  Path: (a, b) => text(a.cookie.path, b.cookie.path),
  Expires: (a, b) => expiry(a.cookie) - expiry(b.cookie) || 0,
  Size: (a, b) => a.cookie.size - b.cookie.size,
  Findings: (a, b) => findingsWeight(a) - findingsWeight(b),
};

/** Ties fall back to name, then the most specific path: the order the browser keys them in. */
const tieBreak = (a: AuditedCookie, b: AuditedCookie): number =>
  text(a.cookie.name, b.cookie.name) || b.cookie.path.length - a.cookie.path.length || text(a.cookie.domain, b.cookie.domain);

export function compareRows(options: Pick<JarViewOptions, 'sortBy' | 'direction' | 'sessionFirst'>): (a: AuditedCookie, b: AuditedCookie) => number {
  const sign = options.direction === 'ascending' ? 1 : -1;
  const by = COMPARE[options.sortBy];
  return (a, b) => {
    if (options.sessionFirst && a.audit.sessionLike !== b.audit.sessionLike) return a.audit.sessionLike ? -1 : 1;
    return sign * by(a, b) || tieBreak(a, b);
  };
}

function matches(row: CookieRow, needle: string): boolean {
  return row.name.toLowerCase().includes(needle) || row.domain.toLowerCase().includes(needle) || row.value.toLowerCase().includes(needle);
}

export function arrangeJar(rows: readonly AuditedCookie[], options: JarViewOptions): JarArrangement {
  const needle = options.filter.trim().toLowerCase();
  const withFindings = rows.filter((r) => r.audit.findings.length > 0).length;
  const kept = rows.filter((r) => (needle === '' || matches(r.cookie, needle)) && (!options.onlyFindings || r.audit.findings.length > 0));
  kept.sort(compareRows(options));
  const group = (domain: string | null, list: AuditedCookie[], total: number): JarGroup => ({
    domain,
    rows: list,
    total,
    withFindings: list.filter((r) => r.audit.findings.length > 0).length,
  });

  if (!options.groupByDomain)
    return { groups: kept.length === 0 ? [] : [group(null, kept, rows.length)], shown: kept.length, total: rows.length, withFindings };

  const totals = new Map<string, number>();
  for (const r of rows) totals.set(groupDomain(r.cookie), (totals.get(groupDomain(r.cookie)) ?? 0) + 1);
  const byDomain = new Map<string, AuditedCookie[]>();
  for (const r of kept) {
    const domain = groupDomain(r.cookie);
    const list = byDomain.get(domain);
    if (list) list.push(r);
    else byDomain.set(domain, [r]);
  }
  const groups = [...byDomain].map(([domain, list]) => group(domain, list, totals.get(domain) ?? list.length));
  // The app's own domain (where its session is) first when session cookies come first; then by name.
  const holdsSession = (g: JarGroup): boolean => g.rows.some((r) => r.audit.sessionLike);
  groups.sort((a, b) => (options.sessionFirst && holdsSession(a) !== holdsSession(b) ? (holdsSession(a) ? -1 : 1) : text(a.domain ?? '', b.domain ?? '')));
  return { groups, shown: kept.length, total: rows.length, withFindings };
}

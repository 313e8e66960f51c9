// @vitest-environment happy-dom
// The jar table on its own, as the "Your app" tab will use it: rows of many
// origins with their real audits, a filter, sorting columns, session cookies
// first, only those with findings, groups by domain, and rows that open.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditedCookie, CookieRow } from '../../contract';
import { auditCookie } from '../../server/index';
import { JarTable, type JarTableProps } from '../../renderer/jar-table';
import { cookieRow } from '../support/cookie-row';

afterEach(cleanup);

const NOW = Math.floor(Date.now() / 1000);

/** A real app's cookie on https, set as it should be. */
const cookie = (name: string, value: string, extra: Partial<CookieRow> = {}): CookieRow =>
  cookieRow(name, value, { domain: 'app.example.com', secure: true, sameSite: 'lax', ...extra });

/** Rows as main gives them: each with the real audit, for the page it was set on. */
const audited = (row: CookieRow, pageUrl = 'https://app.example.com/'): AuditedCookie => ({
  cookie: row,
  audit: auditCookie({ cookie: row, pageUrl, now: NOW }),
});

/** A busy jar of three sites: the app's session buried among 170 others. */
function busyJar(): AuditedCookie[] {
  return [
    ...Array.from({ length: 170 }, (_, i) => audited(cookie(`pref_${String(i).padStart(3, '0')}`, `v${i}`, { size: 10 + i }))),
    audited(cookie('session', 'eyJ1c2VyIjoiYWxpY2UifQ.Z2.sig', { secure: false, httpOnly: false })),
    audited(cookie('csrftoken', 'tok', { httpOnly: false, sameSite: 'unspecified' })),
    audited(cookie('_ga', 'GA1.2.3', { domain: '.example.com', hostOnly: false, httpOnly: false })),
    audited(cookie('__cf_bm', 'cf', { domain: '.other.net', hostOnly: false, sameSite: 'no_restriction' }), 'https://cdn.other.net/'),
  ];
}

const renderTable = (props: Partial<JarTableProps> = {}) =>
  render(<JarTable rows={props.rows ?? busyJar()} caption="Cookies of the app" empty="No cookies." idPrefix="app-jar" {...props} />);
const names = () => [...document.querySelectorAll('tbody tr.jar-row th')].map((th) => th.textContent);
const count = () => document.getElementById('app-jar-count')!.textContent;
const rowOf = (name: string) => [...document.querySelectorAll<HTMLElement>('tr.jar-row')].find((tr) => tr.querySelector('th')?.textContent === name)!;
const heading = (label: string) => screen.getByRole('columnheader', { name: label });

describe('the jar table', () => {
  it('puts the session cookie first in a busy jar, and says how many cookies and findings there are', () => {
    renderTable();
    expect(names()).toHaveLength(174);
    expect(names()[0]).toBe('session');
    expect(count()).toBe('174 cookies · 4 with findings');
    expect(screen.getByLabelText('Only cookies with findings (4)')).toBeTruthy();
    expect(rowOf('session').classList.contains('session-like')).toBe(true);
    expect(within(rowOf('session')).getByText(/^\d · (High|Medium)$/)).toBeTruthy();
  });

  it('filters by name, domain or value, whatever the case', () => {
    renderTable();
    const filter = screen.getByRole('searchbox', { name: 'Filter cookies by name, domain or value' });
    fireEvent.input(filter, { target: { value: 'PREF_16' } });
    expect(names()).toEqual(['pref_160', 'pref_161', 'pref_162', 'pref_163', 'pref_164', 'pref_165', 'pref_166', 'pref_167', 'pref_168', 'pref_169']);
    expect(count()).toBe('Showing 10 of 174 cookies · 4 with findings');
    fireEvent.input(filter, { target: { value: 'other.net' } });
    expect(names()).toEqual(['__cf_bm']);
    fireEvent.input(filter, { target: { value: 'GA1.2' } });
    expect(names()).toEqual(['_ga']);
    fireEvent.input(filter, { target: { value: 'nothing-like-this' } });
    expect(screen.getByText('No cookie matches “nothing-like-this”.')).toBeTruthy();
    expect(document.querySelector('table')).toBeNull();
    fireEvent.input(filter, { target: { value: '' } });
    expect(names()).toHaveLength(174);
  });

  it('sorts by a column heading’s button, turning it around on a second press; aria-sort says which and how', () => {
    renderTable();
    expect(heading('Name').getAttribute('aria-sort')).toBe('ascending');
    const size = within(heading('Size')).getByRole('button', { name: 'Size' });
    fireEvent.click(size);
    expect(heading('Size').getAttribute('aria-sort')).toBe('ascending');
    expect(heading('Name').hasAttribute('aria-sort')).toBe(false);
    // Session cookies stay first; the rest by size, smallest first.
    expect(names().slice(0, 3)).toEqual(['session', '__cf_bm', '_ga']);
    fireEvent.click(size);
    expect(heading('Size').getAttribute('aria-sort')).toBe('descending');
    expect(names().slice(0, 3)).toEqual(['session', 'pref_169', 'pref_168']);
    // Without "Session cookies first", the size alone decides.
    fireEvent.click(screen.getByLabelText('Session cookies first'));
    expect(names().slice(0, 2)).toEqual(['pref_169', 'pref_168']);
    expect(names().indexOf('session')).toBeGreaterThan(100);
    // Columns that do not sort are plain headings.
    expect(within(heading('Secure')).queryByRole('button')).toBeNull();
  });

  it('sorts by findings worst first', () => {
    renderTable();
    fireEvent.click(screen.getByLabelText('Session cookies first'));
    fireEvent.click(within(heading('Findings')).getByRole('button', { name: 'Findings' }));
    expect(heading('Findings').getAttribute('aria-sort')).toBe('descending');
    expect(names()[0]).toBe('session');
    expect(names().slice(1, 4).sort()).toEqual(['__cf_bm', '_ga', 'csrftoken']);
  });

  it('shows only the cookies with findings, like DevTools’ “only show cookies with an issue”', () => {
    renderTable();
    fireEvent.click(screen.getByLabelText('Only cookies with findings (4)'));
    expect(names()).toEqual(['session', '__cf_bm', '_ga', 'csrftoken']);
    expect(count()).toBe('Showing 4 of 174 cookies · 4 with findings');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'pref' } });
    expect(screen.getByText('No cookie matches “pref” among those with findings.')).toBeTruthy();
  });

  it('groups by domain, the session’s domain first, each group with its counts, each folding on its own', () => {
    renderTable({ initialView: { groupByDomain: true } });
    const groups = () => [...document.querySelectorAll('tr.group-row th')].map((th) => th.textContent);
    expect(groups()).toEqual([
      'app.example.com 172 cookies · 2 with findings',
      'example.com 1 cookie · 1 with findings',
      'other.net 1 cookie · 1 with findings',
    ]);
    const other = screen.getByRole('button', { name: 'other.net' });
    expect(other.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(other);
    expect(other.getAttribute('aria-expanded')).toBe('false');
    expect(names()).not.toContain('__cf_bm');
    expect(names()).toHaveLength(173);
    fireEvent.click(other);
    expect(names()).toContain('__cf_bm');
    // The filter narrows each group and says so.
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'pref_00' } });
    expect(groups()).toEqual(['app.example.com 10 of 172 cookies']);
    // Off again: one list.
    fireEvent.click(screen.getByLabelText('Group by domain'));
    expect(document.querySelectorAll('tr.group-row')).toHaveLength(0);
  });

  it('a row opens onto its whole value and its findings, why and fix, and closes again', () => {
    renderTable();
    const open = screen.getByRole('button', { name: 'session' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('.row-details')).toBeNull();
    fireEvent.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(open.getAttribute('aria-controls')!)!;
    expect(details.querySelector('.value-full')!.textContent).toBe('eyJ1c2VyIjoiYWxpY2UifQ.Z2.sig');
    expect(details.textContent).toContain('Looks like a session cookie.');
    const findings = [...details.querySelectorAll('.finding')];
    expect(findings.map((f) => f.querySelector('.finding-title')!.textContent)).toEqual([
      'Medium HttpOnly is missing',
      'Medium Secure is missing on an https site',
      'Low No __Host- prefix',
    ]);
    expect(findings[0]!.textContent).toContain('Why it matters: Any script on the page can read this session cookie');
    expect(findings[0]!.textContent).toContain('What to change: Add the HttpOnly attribute where the app sets this cookie.');
    expect(findings[0]!.textContent).toContain('ZAP 10010');
    fireEvent.click(open);
    expect(document.querySelector('.row-details')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'pref_000' }));
    expect(document.querySelector('.row-details')!.textContent).toContain('No findings: the audit’s rules have nothing to say about this cookie.');
  });

  it('opening a row and a reading that changes one cookie’s findings repaint that row only', async () => {
    const rows = busyJar();
    const { rerender } = renderTable({ rows });
    const before = [...document.querySelectorAll('tbody tr')];
    const changed = new Set<Node>();
    new MutationObserver((records) => records.forEach((r) => changed.add(r.target))).observe(document.querySelector('tbody')!, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });

    // A new reading: fresh objects everywhere, one cookie now without its flaw.
    const next = rows.map((r) => audited({ ...r.cookie }, r.cookie.domain === '.other.net' ? 'https://cdn.other.net/' : 'https://app.example.com/'));
    const csrf = next.findIndex((r) => r.cookie.name === 'csrftoken');
    next[csrf] = audited({ ...next[csrf]!.cookie, sameSite: 'strict', httpOnly: true, secure: false });
    rerender(<JarTable rows={next} caption="Cookies of the app" empty="No cookies." idPrefix="app-jar" />);
    await waitFor(() => expect(within(rowOf('csrftoken')).getByText('1 · Low')).toBeTruthy());
    expect([...document.querySelectorAll('tbody tr')]).toEqual(before);
    expect(changed.size).toBeGreaterThan(0);
    for (const node of changed) expect(rowOf('csrftoken').contains(node)).toBe(true);

    // The same cookie, a new finding (a crack found its key): the row repaints for the audit alone.
    changed.clear();
    const cracked = next.map((r) =>
      r.cookie.name === 'session'
        ? {
            cookie: { ...r.cookie },
            audit: auditCookie({
              cookie: r.cookie,
              pageUrl: 'https://app.example.com/',
              now: NOW,
              decoded: { format: 'flask', payload: {}, weakKeyFound: true },
            }),
          }
        : r,
    );
    rerender(<JarTable rows={cracked} caption="Cookies of the app" empty="No cookies." idPrefix="app-jar" />);
    await waitFor(() => expect(within(rowOf('session')).getByText('4 · High')).toBeTruthy());
    for (const node of changed) expect(rowOf('session').contains(node)).toBe(true);

    changed.clear();
    fireEvent.click(screen.getByRole('button', { name: 'pref_042' }));
    await waitFor(() => expect(document.querySelector('.row-details')).not.toBeNull());
    const details = document.querySelector('.row-details')!;
    for (const node of changed) expect(rowOf('pref_042').contains(node) || node === details.parentNode || details.contains(node)).toBe(true);
  });

  it('without actions there is no Actions column; an empty jar says what the caller asked it to', () => {
    renderTable({ rows: [audited(cookie('a', '1'))] });
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Name',
      'Value',
      'Domain',
      'Host-only',
      'Path',
      'Secure',
      'HttpOnly',
      'SameSite',
      'Expires',
      'Size',
      'Findings',
    ]);
    expect(screen.getByRole('table', { name: 'Cookies of the app' })).toBeTruthy();
    cleanup();
    renderTable({ rows: [] });
    expect(screen.getByText('No cookies.')).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});

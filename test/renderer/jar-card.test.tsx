// @vitest-environment happy-dom
// The jar card: the table as a person reads it, rows keyed so a new reading
// repaints only the cookies that changed, and the value editor with its focus.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { packJarAudit, type CookieInspection, type CookieRow } from '../../contract';
import { auditJar } from '../../main/jar/jar-audit';
import { JarCard } from '../../renderer/jar-card';
import { createLabWindow } from '../../renderer/lab-window';
import { cookieRow } from '../support/cookie-row';
import { bridgeWith, renderInWindow } from './page';

const b64 = (json: string) => Buffer.from(json).toString('base64');
const WEEK_S = 7 * 24 * 60 * 60;

/** As the lab's server sets its cookies: persistent for a week, SameSite=Lax. */
const cookie = (name: string, value: string, extra: Partial<CookieRow> = {}): CookieRow =>
  cookieRow(name, value, { session: false, expirationDate: Math.floor(Date.now() / 1000) + WEEK_S, sameSite: 'lax', ...extra });

const NO_VERDICT = {
  name: 'lab_session',
  received: false,
  value: null,
  signature: null,
  sizeBytes: 0,
  sizeLimit: 4096,
  decoded: null,
  verdict: { state: 'missing' },
  keyCount: 1,
} as unknown as CookieInspection;

/** A desktop window over a jar the test holds; every reading hands out fresh copies, as IPC does. */
function desktop(jar: CookieRow[]) {
  const setCookieValue = vi.fn(async (name: string, value: string) => {
    const row = jar.find((r) => r.name === name);
    if (!row) throw new Error(`There is no cookie named ${name} in the jar.`);
    if (value.includes(';')) throw new Error('Chromium refused that value.');
    row.value = value;
  });
  const lab = bridgeWith({
    // Main's own audit of the rows, as the auditJar handler gives them.
    auditJar: async () =>
      packJarAudit(
        auditJar(
          jar.map((r) => ({ ...r })),
          { pageUrl: 'http://127.0.0.1:5000', signedWithCrackedKey: () => false },
        ),
      ),
    inspectSession: async () => NO_VERDICT,
    setCookieValue,
    deleteCookie: async (name) =>
      void jar.splice(
        jar.findIndex((r) => r.name === name),
        1,
      ),
  });
  return { win: createLabWindow(lab), setCookieValue };
}

const rowOf = (name: string) => [...document.querySelectorAll('#jar tbody tr')].find((tr) => tr.querySelector('th')?.textContent === name)!;
const cells = (tr: Element) => [...tr.children].map((c) => c.textContent);

describe('the jar card', () => {
  it('lists every cookie, session cookies first, with each attribute in words and its findings', async () => {
    const { win } = desktop([
      cookie('zeta', 'short', { session: true, expirationDate: null, httpOnly: false, sameSite: 'unspecified' }),
      cookie('lab_session', b64('{"username":"alice"}')),
    ]);
    renderInWindow(<JarCard />, win);
    expect(document.getElementById('jar')!.children).toHaveLength(0);
    await win.inspector.refresh();
    await waitFor(() => expect(document.querySelectorAll('#jar tbody tr')).toHaveLength(2));
    expect([...document.querySelectorAll('#jar thead th')].map((th) => th.textContent)).toEqual([
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
      'Actions',
    ]);
    expect([...document.querySelectorAll('#jar tbody th')].map((th) => th.textContent)).toEqual(['lab_session', 'zeta']);
    expect(cells(rowOf('zeta'))).toEqual([
      'zeta',
      'short',
      '127.0.0.1',
      'yes',
      '/',
      'no',
      'no',
      'Unset (Lax)',
      'Session',
      '9 B',
      '1 · Info',
      'Edit valueDelete',
    ]);
    // The whole value, on one line (CSS keeps it there) until the row is opened.
    expect(rowOf('lab_session').querySelector('.value-line')!.textContent).toBe(b64('{"username":"alice"}'));
    expect(cells(rowOf('lab_session'))[10]).toBe('none');
    expect(rowOf('lab_session').querySelector('.expires')!.getAttribute('title')).toMatch(/^Expires \d{4}-\d\d-\d\d \d\d:\d\d \(local time\)$/);
    expect(screen.getByRole('button', { name: 'Delete zeta' })).toBeTruthy();
  });

  it('an empty jar says so; a plain browser says the jar needs the desktop app', async () => {
    const { win } = desktop([]);
    renderInWindow(<JarCard />, win);
    await win.inspector.refresh();
    await waitFor(() =>
      expect(document.getElementById('jar')!.textContent).toBe('The jar holds no cookies for this server. Log in or count a visit to get one.'),
    );
    screen.getByRole('button', { name: 'Clear all' });
  });

  it('a reading with one cookie changed repaints that row only, in a jar of 180', async () => {
    const jar = [cookie('lab_session', b64('{"visits":1}')), ...Array.from({ length: 179 }, (_, i) => cookie(`bench_${String(i).padStart(3, '0')}`, `v${i}`))];
    const { win } = desktop(jar);
    renderInWindow(<JarCard />, win);
    await win.inspector.refresh();
    await waitFor(() => expect(document.querySelectorAll('#jar tbody tr')).toHaveLength(180));
    const before = [...document.querySelectorAll('#jar tbody tr')];
    const changed = new Set<Node>();
    new MutationObserver((records) => records.forEach((r) => changed.add(r.target))).observe(document.getElementById('jar')!, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });

    jar[0]!.value = b64('{"visits":2}');
    await win.inspector.refresh();
    await waitFor(() => expect(rowOf('lab_session').querySelector('.value-line')!.textContent).toBe(b64('{"visits":2}')));
    // The same elements, in the same order; every mutation inside the one row that changed.
    expect([...document.querySelectorAll('#jar tbody tr')]).toEqual(before);
    expect(changed.size).toBeGreaterThan(0);
    for (const node of changed) expect(rowOf('lab_session').contains(node)).toBe(true);
  });

  it('Edit value opens the decoded JSON, focused; saving writes base64 and puts the focus back', async () => {
    const { win, setCookieValue } = desktop([cookie('lab_session', b64('{"username":"alice","visits":2}')), cookie('lab_session.sig', 'abc')]);
    renderInWindow(<JarCard />, win);
    await win.inspector.refresh();
    const edit = await screen.findByRole('button', { name: 'Edit value of lab_session' });
    const form = document.getElementById('jar-editor') as HTMLFormElement;
    expect(form.hidden).toBe(true);
    fireEvent.click(edit);
    await waitFor(() => expect(form.hidden).toBe(false));
    expect(document.getElementById('jar-editor-title')!.textContent).toBe('Edit value of lab_session');
    expect((screen.getByLabelText(/Edit as JSON/) as HTMLInputElement).checked).toBe(true);
    const field = screen.getByLabelText('New payload (JSON)') as HTMLTextAreaElement;
    expect(field.value).toBe('{"username":"alice","visits":2}');
    expect(document.activeElement).toBe(field);

    fireEvent.input(field, { target: { value: '{"username":' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save value' }));
    await waitFor(() => expect(screen.getByText(/^That is not valid JSON/)).toBeTruthy());
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(setCookieValue).not.toHaveBeenCalled();

    fireEvent.input(field, { target: { value: '{"username":"admin","visits":2}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save value' }));
    await waitFor(() => expect(form.hidden).toBe(true));
    expect(setCookieValue).toHaveBeenCalledWith('lab_session', b64('{"username":"admin","visits":2}'));
    expect(document.activeElement).toBe(edit);
    // The server has not seen the edit yet: the session panel says so.
    expect(win.session.store.get().stale).toBe(true);
  });

  it('a value the jar refuses is explained in the editor, which stays open; Escape closes it', async () => {
    const { win } = desktop([cookie('lab_session.sig', 'abc')]);
    renderInWindow(<JarCard />, win);
    await win.inspector.refresh();
    const edit = await screen.findByRole('button', { name: 'Edit value of lab_session.sig' });
    fireEvent.click(edit);
    // Not base64 JSON: only raw text, and no JSON switch.
    expect(document.getElementById('jar-editor-json-row')!.hidden).toBe(true);
    const field = screen.getByLabelText('New value');
    fireEvent.input(field, { target: { value: 'a;b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save value' }));
    await waitFor(() =>
      expect(document.getElementById('jar-editor-error')!.textContent).toBe('Could not change lab_session.sig: Chromium refused that value.'),
    );
    expect(document.getElementById('jar-editor')!.hidden).toBe(false);
    fireEvent.keyDown(field, { key: 'Escape' });
    await waitFor(() => expect(document.getElementById('jar-editor')!.hidden).toBe(true));
    expect(document.activeElement).toBe(edit);
  });

  it('Delete takes the cookie out of the jar and the table', async () => {
    const { win } = desktop([cookie('a', '1'), cookie('b', '2')]);
    renderInWindow(<JarCard />, win);
    await win.inspector.refresh();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete a' }));
    await waitFor(() => expect([...document.querySelectorAll('#jar tbody th')].map((th) => th.textContent)).toEqual(['b']));
    expect(document.getElementById('jar-error')!.textContent).toBe('');
  });
});

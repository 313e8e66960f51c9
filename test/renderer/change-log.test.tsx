// @vitest-environment happy-dom
// The live change log and the wire log: newest first, each batch adding only
// its own rows, at most 200 (100) kept, hostile values shown as text.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { JarChange, WireEntry } from '../../contract';
import { ChangeLogCard } from '../../renderer/change-log';
import { createLabWindow } from '../../renderer/lab-window';
import { WireLogCard } from '../../renderer/wire-log';
import { bridgeWith, renderInWindow } from './page';

const b64 = (json: string) => Buffer.from(json).toString('base64');
const change = (name: string, kind: JarChange['kind'], value: string | null, previousValue: string | null = null): JarChange =>
  ({ time: Date.UTC(2026, 0, 1, 12, 0, 0), name, kind, cause: kind === 'added' ? 'inserted' : 'overwrite', value, previousValue }) as JarChange;
const rows = () =>
  [...document.querySelectorAll('#change-log tbody tr')].map((tr) =>
    [...tr.children]
      .slice(1)
      .map((td) => td.textContent)
      .join(' | '),
  );

describe('the live change log', () => {
  it('starts empty, then shows each batch on top, the session JSON decoded', async () => {
    const win = createLabWindow(bridgeWith({}));
    renderInWindow(<ChangeLogCard />, win);
    expect(document.getElementById('change-log')!.textContent).toMatch(/^No changes yet\./);
    win.inspector.changes.add([change('lab_session', 'added', b64('{"username":"alice"}')), change('lab_session.sig', 'added', 'sig1')]);
    win.inspector.changes.add([change('lab_session', 'updated', b64('{"username":"alice","visits":1}'), b64('{"username":"alice"}'))]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()).toEqual([
      'lab_session | updated overwrite | {"username":"alice"} → {"username":"alice","visits":1}',
      'lab_session | added inserted | {"username":"alice"}',
      'lab_session.sig | added inserted | sig1',
    ]);
    expect(document.querySelector('#change-log tbody tr')!.className).toBe('change-updated');
  });

  it('a new batch leaves the rows already shown alone, and the log keeps the newest 200', async () => {
    const win = createLabWindow(bridgeWith({}));
    renderInWindow(<ChangeLogCard />, win);
    win.inspector.changes.add(Array.from({ length: 199 }, (_, i) => change(`c${i}`, 'added', `v${i}`)));
    await waitFor(() => expect(rows()).toHaveLength(199));
    const shown = [...document.querySelectorAll('#change-log tbody tr')];
    win.inspector.changes.add([change('new1', 'added', 'x'), change('new2', 'added', 'y')]);
    await waitFor(() => expect(rows()[0]).toMatch(/^new1 /));
    const now = [...document.querySelectorAll('#change-log tbody tr')];
    expect(now).toHaveLength(200);
    // The old rows are the same elements, one pushed off the end.
    expect(now.slice(2)).toEqual(shown.slice(0, 198));
  });

  it('Clear log empties it; a hostile value is text, not markup', async () => {
    const win = createLabWindow(bridgeWith({}));
    renderInWindow(<ChangeLogCard />, win);
    win.inspector.changes.add([change('x', 'added', '<img src=x onerror=alert(1)>')]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(document.querySelector('#change-log img')).toBeNull();
    expect(document.querySelector('#change-log .value-new')!.getAttribute('title')).toBe('<img src=x onerror=alert(1)>');
    fireEvent.click(screen.getByRole('button', { name: 'Clear log' }));
    await waitFor(() => expect(rows()).toEqual([]));
  });

  it('in a plain browser it says it needs the desktop app, without a Clear button', () => {
    renderInWindow(<ChangeLogCard />);
    expect(document.getElementById('change-log')!.textContent).toContain('needs the desktop app');
    expect(screen.queryByRole('button', { name: 'Clear log' })).toBeNull();
  });
});

describe('the wire log', () => {
  const entry = (path: string, status: number | null, extra: Partial<WireEntry> = {}): WireEntry =>
    ({ time: Date.UTC(2026, 0, 1, 12), method: 'POST', path, status, cookieSent: null, setCookies: [], labHeaders: [], ...extra }) as WireEntry;

  it('shows each request newest first: the Cookie sent and the Set-Cookie received', async () => {
    const win = createLabWindow(bridgeWith({}));
    renderInWindow(<WireLogCard />, win);
    expect(document.getElementById('wire-log')!.textContent).toMatch(/^No requests yet\./);
    win.inspector.wire.add([entry('/api/login', 200, { setCookies: ['lab_session=abc; path=/; httponly', 'lab_session.sig=def; path=/'] })]);
    win.inspector.wire.add([entry('/api/counter', 500, { cookieSent: 'lab_session=abc; lab_session.sig=def', labHeaders: ['Session-Lab-Instance: A'] })]);
    await waitFor(() => expect(document.querySelectorAll('.wire-entry')).toHaveLength(2));
    const [counter, login] = [...document.querySelectorAll('.wire-entry')];
    expect(counter!.querySelector('.wire-line')!.textContent).toMatch(/^POST \/api\/counter 500\d\d:\d\d:\d\d$/);
    expect(counter!.querySelector('.http-status')!.className).toBe('http-status bad');
    expect([...counter!.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Cookie sent', 'Set-Cookie received', 'Lab headers']);
    expect(counter!.querySelector('dd')!.textContent).toBe('lab_session=abc; lab_session.sig=def');
    expect(login!.querySelector('dd')!.textContent).toBe('(none)');
    expect([...login!.querySelectorAll('.set-cookie')].map((c) => c.textContent)).toEqual(['lab_session=abc; path=/; httponly', 'lab_session.sig=def; path=/']);
  });
});

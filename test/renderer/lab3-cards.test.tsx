// @vitest-environment happy-dom
// Lab III in the window, as a person uses it: the inspector's session ID card
// (fed by a real server-side server's own view of the ID and its store), and
// Lab III's tabs, its line about the stores, and a step that does not apply yet.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { packJarAudit, type SessionKindsState } from '../../contract';
import { LabThree, LabThreeNeedsDesktop } from '../../renderer/lab3';
import { createLabWindow } from '../../renderer/lab-window';
import { SessionIdCard } from '../../renderer/session-id-view';
import { rawRequest } from '../support/raw-http';
import { tempDir } from '../support/temp-dir';
import { testServer } from '../support/test-server';
import { bridgeWith, renderInWindow } from './page';

const text = (id: string) => document.getElementById(id)?.textContent ?? null;

describe('the session ID card', () => {
  /** A server-side server, and the one lab_sid cookie a browser would hold for it (node:http: happy-dom's fetch is the page's). */
  async function serverSide() {
    const server = await testServer({ sessions: 'server', dataDir: tempDir() });
    let sid: string | undefined;
    const send = async (method: string, path: string, body?: string) => {
      const res = await rawRequest(`${server.url}${path}`, {
        method,
        headers: {
          ...(sid === undefined ? {} : { cookie: `lab_sid=${sid}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        ...(body === undefined ? {} : { body }),
      });
      const set = res.headers['set-cookie']?.find((l) => l.startsWith('lab_sid='));
      if (set !== undefined) sid = set.slice('lab_sid='.length, set.indexOf(';'));
    };
    const client = {
      postForm: (path: string, fields: Record<string, string>) => send('POST', path, new URLSearchParams(fields).toString()),
      get: (path: string) => send('GET', path),
      cookie: () => sid,
      setCookie: (value: string) => void (sid = value),
    };
    const inspectServerSession = vi.fn(async () => server.inspectSessionId(sid === undefined ? undefined : `lab_sid=${sid}`));
    const win = createLabWindow(
      bridgeWith({
        listCookies: async () => [],
        auditJar: async () => packJarAudit([]),
        inspectSession: async () => server.inspect(undefined),
        inspectServerSession,
      }),
    );
    return { server, client, win, inspectServerSession };
  }

  it('shows the ID, the verdict and the store’s record; after a logout, that the store has none', async () => {
    const { client, win } = await serverSide();
    renderInWindow(<SessionIdCard />, win);
    expect(text('session-id-title')).toBe('Session ID cookie (server-side)');
    await win.inspector.refresh();
    await waitFor(() => expect(text('session-id-record')).toBe('No lab_sid cookie: no server-side session.'));

    await client.postForm('/login', { username: 'nia' });
    await win.inspector.refresh();
    await waitFor(() => expect(text('session-id-verdict')).toBe('Signature valid (key #1, newest)'));
    expect(text('session-id-sid')).toMatch(/^[\w-]{32}$/);
    expect(text('session-id-size')).toMatch(/^\d+ bytes in the browser, \d+ bytes in the store$/);
    expect(JSON.parse(text('session-id-record')!)).toMatchObject({ username: 'nia', cookie: { httpOnly: true } });
    expect(document.querySelector('#session-id .hint')!.textContent).toMatch(/the data is in the store \(SQLite file .*sessions\.sqlite\)/);

    // The copy the browser still holds after a logout points at nothing.
    const copy = client.cookie()!;
    await client.get('/logout');
    client.setCookie(copy);
    await win.inspector.refresh();
    await waitFor(() => expect(text('session-id-record')).toMatch(/^No record for this ID: it is unknown, expired or was destroyed/));
    expect(text('session-id-verdict')).toBe('Signature valid (key #1, newest)');
  });

  it('a forged ID is not looked up; a store main cannot read is said on its own line, and the jar is still read', async () => {
    const { client, win, inspectServerSession } = await serverSide();
    renderInWindow(<SessionIdCard />, win);
    client.setCookie('s%3Aforged.signature');
    await win.inspector.refresh();
    await waitFor(() => expect(text('session-id-verdict')).toBe('Signature does NOT match: the server will ignore this cookie'));
    expect(text('session-id-record')).toBe('Not looked up: the server ignores an ID whose signature does not hold.');
    inspectServerSession.mockRejectedValueOnce(new Error('The store is gone.'));
    await win.inspector.refresh();
    await waitFor(() =>
      expect(document.querySelector('#session-id [role="alert"]')!.textContent).toBe('Cannot read the server-side session: The store is gone.'),
    );
    expect(win.inspector.jar.get()).toEqual([]);
  });

  it('is not shown in a plain browser, which cannot ask the main process', () => {
    renderInWindow(<SessionIdCard />);
    expect(document.getElementById('session-id')).toBeNull();
  });
});

describe('Lab III', () => {
  const state: SessionKindsState = {
    serverSide: { url: 'http://127.0.0.1:1', store: { kind: 'redis', description: 'Redis at redis://127.0.0.1:6390/0' } },
    sharedStore: { kind: 'redis', description: 'Redis at redis://127.0.0.1:6390/0' },
    scaleOut: null,
  };

  it('says which store the server side uses, one card per tab, and a step that does not apply says why', async () => {
    const lab = bridgeWith({ sessionKindsState: async () => state });
    renderInWindow(<LabThree />, createLabWindow(lab));
    await waitFor(() =>
      expect(text('session-kinds')).toBe(
        'Client-side: cookie-session, the session in the cookie · Server-side: express-session on the Redis at redis://127.0.0.1:6390/0',
      ),
    );
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['1 Holds', '2 Revoke', '3 Size', '4 Fixation', '5 Scale-out', '6 Cost']);
    expect(document.getElementById('exp3-holds')!.hidden).toBe(false);
    fireEvent.click(screen.getByRole('tab', { name: '5 Scale-out' }));
    expect(document.getElementById('exp3-holds')!.hidden).toBe(true);
    expect(document.querySelector('#exp3-scale .exp-lead')!.textContent).toContain('one shared store: Redis at redis://127.0.0.1:6390/0');
    fireEvent.click(screen.getByRole('tab', { name: '2 Revoke' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replay the copies' }));
    await waitFor(() => expect(text('exp3-revoke-error')).toBe('There are no copies yet: take them first (step 1).'));
  });

  it('says when main cannot say where the servers stand', async () => {
    renderInWindow(<LabThree />, createLabWindow(bridgeWith({ sessionKindsState: () => Promise.reject(new Error('Refused sessionKindsState.')) })));
    await waitFor(() => expect(document.querySelector('.exp-server-down')!.textContent).toBe('Cannot read Lab III’s servers: Refused sessionKindsState.'));
  });

  it('in a plain browser says it needs the desktop app, and how to try server-side sessions there', () => {
    renderInWindow(<LabThreeNeedsDesktop />);
    expect(document.querySelector('.needs-desktop')!.textContent).toContain('run npm run serve -- --sessions server');
  });
});

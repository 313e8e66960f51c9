// The inspector reads the express-session ID cookie exactly as express-session
// does: over a table of odd Cookie headers, it calls the ID valid and finds its
// record exactly when the server logs the visitor in.
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../../support/raw-http';
import { tempDir } from '../../support/temp-dir';
import { testServer } from '../../support/test-server';
import { BrowserClient } from '../../support/browser-client';

describe('the lab_sid cookie, read as express-session reads it', () => {
  it('the inspector agrees with the server on every header of the table', async () => {
    const server = await testServer({ sessions: 'server', dataDir: tempDir() });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'parity' });
    const value = (await c.cookie('lab_sid'))!;
    const decoded = decodeURIComponent(value);
    const headers = [
      `lab_sid=${value}`,
      `lab_sid="${value}"`,
      `lab_sid=${decoded}`,
      `lab_sid=${value}; lab_sid=junk`,
      `lab_sid=junk; lab_sid=${value}`,
      `other=1;lab_sid=${value}`,
      ` lab_sid = ${value} `,
      `lab_sid=\t${value}`,
      `LAB_SID=${value}`,
      `lab_sid=${value}%`,
      `lab_sid=${value.replace('s%3A', '')}`,
      `lab_sid=${value.slice(0, -3)}`,
      `lab_sid=`,
      `lab_sid`,
      `lab_sid=s%3A`,
      `lab_sid=s%3A.`,
    ];
    for (const header of headers) {
      const res = await rawRequest(`${server.url}/api/session`, { headers: { cookie: header } });
      const loggedIn = (JSON.parse(res.body) as { loggedIn: boolean }).loggedIn;
      const seen = await server.inspectSessionId(header);
      const inspectorSays = seen.verdict.state === 'valid' && seen.record !== null;
      expect(inspectorSays, JSON.stringify(header)).toBe(loggedIn);
      if (loggedIn) expect(JSON.parse(seen.record!.json), header).toMatchObject({ username: 'parity' });
    }
    // The table holds both answers.
    const verdicts = await Promise.all(headers.map((h) => server.inspectSessionId(h)));
    expect(new Set(verdicts.map((v) => v.verdict.state))).toEqual(new Set(['valid', 'invalid', 'missing']));
  });

  it('names the ID, the key that signed it and the size, and has no record for a destroyed ID', async () => {
    const server = await testServer({ sessions: 'server', dataDir: tempDir() });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'kim' });
    const header = `lab_sid=${(await c.cookie('lab_sid'))!}`;
    const seen = await server.inspectSessionId(header);
    expect(seen).toMatchObject({
      name: 'lab_sid',
      received: true,
      verdict: { state: 'valid', keyIndex: 0 },
      keyCount: 1,
      sizeBytes: Buffer.byteLength(header),
      store: { kind: 'sqlite' },
      storeError: null,
    });
    expect(seen.sid).toMatch(/^[\w-]{32}$/);
    expect(seen.record!.expiresAt).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    await c.get('/logout');
    expect((await server.inspectSessionId(header)).record).toBeNull();
    expect(await server.inspectSessionId(undefined)).toMatchObject({ received: false, verdict: { state: 'missing' }, record: null });
    // A client-side server has no store to look in.
    await expect((await testServer()).inspectSessionId(header)).rejects.toThrow('This server keeps its sessions in the cookie: it has no session store.');
  });
});

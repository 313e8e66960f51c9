// Lab III's servers through main's own runtime: the server-side instance behind
// the lab server's /server-side/, its store read by main, and the scale-out
// experiment with a memory store per instance or one shared SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../../main/lab-runtime';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { tempDir } from '../../support/temp-dir';
import { strongKey } from '../../support/test-keys';

let lab: LabServer | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

async function start(dataDir: string | null = tempDir()): Promise<LabServer> {
  lab = await startLabServer({ keys: [strongKey()], dataDir, labDir: null, newKey: strongKey, onWarning: () => undefined });
  return lab;
}

const json = <T>(text: string) => JSON.parse(text) as T;

describe('the server-side instance behind /server-side/', () => {
  it('keeps its own session, in sessions.sqlite, under its own cookie on the window’s origin', async () => {
    const dir = tempDir();
    const server = await start(dir);
    const c = new BrowserClient(server.url);
    const login = await c.postJson('/server-side/api/login', { username: 'ivy' }, { origin: server.origin });
    expect(json<{ message: string }>(login.text).message).toBe('Logged in as ivy');
    expect(await c.cookie('lab_sid')).toMatch(/^s%3A/);
    expect(await c.cookie('lab_session')).toBeUndefined();
    // The client-side instance (the lab server itself) has no idea.
    expect(json<{ loggedIn: boolean }>((await c.get('/api/session')).text).loggedIn).toBe(false);
    expect(json<{ loggedIn: boolean }>((await c.get('/server-side/api/session')).text).loggedIn).toBe(true);
    expect(fs.existsSync(path.join(dir, 'sessions.sqlite'))).toBe(true);
    expect(server.sessionKinds.state()).toMatchObject({
      serverSide: { store: { kind: 'sqlite', description: `SQLite file ${path.join(dir, 'sessions.sqlite')}` } },
      scaleOut: null,
    });

    const seen = await server.sessionKinds.inspect(`lab_sid=${(await c.cookie('lab_sid'))!}`);
    expect(seen.verdict).toEqual({ state: 'valid', keyIndex: 0 });
    expect(json<{ username: string }>(seen.record!.json).username).toBe('ivy');
  });

  it('the tutorial pages work under the prefix, their redirects included', async () => {
    const server = await start();
    const c = new BrowserClient(server.url);
    const login = await c.postForm('/server-side/login', { username: 'jo' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/server-side/');
    expect(paragraphs((await c.get('/server-side/')).text)).toEqual(['Logged in as jo']);
    expect(paragraphs((await c.get('/server-side/counter')).text)).toEqual(['Number of visits: 1']);
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
  });

  it('without a data dir it keeps sessions in memory, and has no store to share', async () => {
    const server = await start(null);
    expect(server.sessionKinds.state()).toMatchObject({ serverSide: { store: { kind: 'memory' } }, sharedStore: null });
    await expect(server.sessionKinds.startScaleOut(true)).rejects.toThrow(/^There is no store to share/);
  });
});

describe('the scale-out experiment', () => {
  /** Logs in, then counts three visits: four requests, alternating S1, S2, S1, S2. */
  async function burst(c: BrowserClient, origin: string) {
    const answers: { instance: string | null; message: string; visits: number }[] = [];
    const first = await c.postJson('/server-side/api/login', { username: 'kai' }, { origin });
    answers.push({ instance: first.headers.get('session-lab-instance'), ...json<{ message: string; visits: number }>(first.text) });
    for (let i = 0; i < 3; i++) {
      const res = await c.postJson('/server-side/api/counter', undefined, { origin });
      answers.push({ instance: res.headers.get('session-lab-instance'), ...json<{ message: string; visits: number }>(res.text) });
    }
    return answers;
  }

  it('with a memory store each, the other instance has never heard of the session', async () => {
    const server = await start();
    const state = await server.sessionKinds.startScaleOut(false);
    expect(state.scaleOut).toMatchObject({
      shared: false,
      store: { kind: 'memory' },
      instances: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), expect.stringMatching(/^http/)],
    });
    const answers = await burst(new BrowserClient(server.url), server.origin);
    expect(answers.map((a) => a.instance)).toEqual(['S1', 'S2', 'S1', 'S2']);
    // S2 never sees the login; each instance counts only what it stored itself.
    expect(answers.map((a) => a.message)).toEqual(['Logged in as kai', 'You are not logged in', 'You are not logged in', 'You are not logged in']);
  });

  it('with the shared SQLite file, the session carries on across both', async () => {
    const server = await start();
    const state = await server.sessionKinds.startScaleOut(true);
    expect(state.scaleOut).toMatchObject({ shared: true, store: { kind: 'sqlite' } });
    const answers = await burst(new BrowserClient(server.url), server.origin);
    expect(answers.map((a) => a.instance)).toEqual(['S1', 'S2', 'S1', 'S2']);
    expect(answers.map((a) => `${a.message} ${a.visits}`)).toEqual(['Logged in as kai 0', 'Logged in as kai 1', 'Logged in as kai 2', 'Logged in as kai 3']);
  });

  it('stopping brings back the one instance; starting twice or stopping twice says why', async () => {
    const server = await start();
    await server.sessionKinds.startScaleOut(false);
    await expect(server.sessionKinds.startScaleOut(true)).rejects.toThrow('The two server-side instances are already running: stop them first.');
    const urls = server.sessionKinds.state().scaleOut!.instances;
    expect((await server.sessionKinds.stopScaleOut()).scaleOut).toBeNull();
    await expect(server.sessionKinds.stopScaleOut()).rejects.toThrow('The two server-side instances are not running.');
    // The instances let go of their ports; the one instance answers again, without a name.
    await expect(fetch(`${urls[0]!}/api/session`)).rejects.toThrow();
    const res = await new BrowserClient(server.url).get('/server-side/api/session');
    expect(res.status).toBe(200);
    expect(res.headers.get('session-lab-instance')).toBeNull();
  });
});

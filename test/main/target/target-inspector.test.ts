import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cookie } from 'electron';
import type { JarChange, ReportFormat } from '../../../contract';
import { createTargetInspector, type ReportSaver } from '../../../main/target/target-inspector';
import { reportFileName } from '../../../main/target/target-report';
import { crackCookies } from '../../../server/audit/crack/crack-pool';
import { signNew } from '../../../server/audit/session-auditor';
import { MockCookies } from '../../support/electron-mock';
import { tempDir } from '../../support/temp-dir';

const workerPath = path.resolve('dist/server/audit/crack-worker.js');
const TUTORIAL_KEY = 'your_very_secret_key';
const flaskValue = signNew('flask', { name: 'session', payload: '{"username":"alice"}', secret: Buffer.from(TUTORIAL_KEY) }).cookies[0]!.value;
const cookie = (name: string, value: string, domain: string): Cookie => ({
  name,
  value,
  domain,
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: true,
  session: true,
  sameSite: 'unspecified',
});

let cookies: MockCookies;
let dir: string;
let chosen: string | null;
const saver: ReportSaver = {
  choosePath: vi.fn(async (name: string, format: ReportFormat) => {
    void format;
    return chosen === null ? null : path.join(dir, chosen || name);
  }),
  write: (file, text) => fs.promises.writeFile(file, text),
};

function inspector() {
  return createTargetInspector({
    partition: { cookies, clearData: async () => void (await Promise.all(cookies.jar.map((c) => cookies.remove(`http://${c.domain}/`, c.name)))) },
    crack: (targets, onProgress, signal) => crackCookies(targets, { kind: 'built-in' }, { threads: 1, signal, onProgress, workerPath }),
    onCrackProgress: () => undefined,
    saver,
    visited: () => ['http://127.0.0.1:5000'],
    pageUrl: () => 'http://127.0.0.1:5000/',
    now: () => Date.UTC(2026, 11, 1, 12),
  });
}

beforeEach(() => {
  cookies = new MockCookies();
  cookies.jar = [cookie('session', flaskValue, '127.0.0.1'), cookie('theme', 'dark', 'localhost')];
  dir = tempDir();
  chosen = '';
});

describe('the Your app inspector', () => {
  it('lists every origin of the partition, each cookie decoded', async () => {
    const seen = await inspector().inspect();
    expect(seen.cookies.map((c) => [c.cookie.domain, c.cookie.name, c.decoded?.format ?? null])).toEqual([
      ['127.0.0.1', 'session', 'flask'],
      ['localhost', 'theme', null],
    ]);
    expect(seen).toMatchObject({ key: { set: false }, cracking: false, lastCrack: null, visited: ['http://127.0.0.1:5000'] });
    expect(cookies.get).toHaveBeenCalledWith({});
  });

  it('the typed key gives a verdict, is never in an answer, and can be forgotten', async () => {
    const target = inspector();
    const withKey = await target.setKey(TUTORIAL_KEY, 'text');
    expect(withKey.cookies[0]!.verdict).toMatchObject({ state: 'valid' });
    expect(withKey.key).toEqual({ set: true, encoding: 'text', bytes: TUTORIAL_KEY.length });
    expect(JSON.stringify(withKey)).not.toContain(TUTORIAL_KEY);
    const forgotten = await target.forgetKey();
    expect(forgotten.cookies[0]!.verdict).toEqual({ state: 'no-key' });
    expect(forgotten.key.set).toBe(false);
  });

  it('the crack finds the weak key and every later reading shows it on the cookie', async () => {
    const target = inspector();
    expect(await target.crack()).toMatchObject({ outcome: 'all-found', cookies: 1 });
    const seen = await target.inspect();
    expect(seen.cookies[0]!.weakKey).toMatchObject({ key: TUTORIAL_KEY, form: 'as written' });
    expect(seen.lastCrack).toMatchObject({ outcome: 'all-found' });
  });

  it('changes to any origin arrive grouped', async () => {
    const changes: JarChange[][] = [];
    const stop = inspector().watch((c) => changes.push(c));
    cookies.store(cookie('csrftoken', 'abc', 'example.test'));
    await vi.waitFor(() => expect(changes.flat().map((c) => [c.domain, c.name, c.kind])).toEqual([['example.test', 'csrftoken', 'added']]));
    stop();
  });

  it('clearing empties the partition', async () => {
    const target = inspector();
    await target.clear();
    expect((await target.inspect()).cookies).toEqual([]);
  });

  it('exports Markdown and JSON to the chosen file, without the typed key', async () => {
    const target = inspector();
    await target.setKey(TUTORIAL_KEY, 'text');
    const md = await target.exportReport('markdown');
    expect(md).toEqual({ saved: true, fileName: 'session-lab-127.0.0.1-5000-2026-12-01.md', bytes: expect.any(Number), cookies: 2 });
    const text = fs.readFileSync(path.join(dir, 'session-lab-127.0.0.1-5000-2026-12-01.md'), 'utf8');
    expect(text).toContain('# Session Lab report');
    expect(text).toContain('### `session` on `127.0.0.1`');
    expect(text).toContain('- Format: Flask session (itsdangerous URLSafeTimedSerializer)');
    expect(text).toContain('- Signature: valid with the key given');
    expect(text).toContain('"username": "alice"');
    expect(text).not.toContain(TUTORIAL_KEY);

    await target.exportReport('json');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'session-lab-127.0.0.1-5000-2026-12-01.json'), 'utf8')) as {
      cookies: { name: string; decoded: { format: string } | null; signature: string }[];
    };
    expect(json.cookies.map((c) => [c.name, c.decoded?.format ?? null])).toEqual([
      ['session', 'flask'],
      ['theme', null],
    ]);
    expect(JSON.stringify(json)).not.toContain(TUTORIAL_KEY);
  });

  it('a cracked key is in the report: it is the finding, and it is on a public list', async () => {
    const target = inspector();
    await target.crack();
    await target.exportReport('markdown');
    const text = fs.readFileSync(path.join(dir, 'session-lab-127.0.0.1-5000-2026-12-01.md'), 'utf8');
    expect(text).toContain('**Signed with a known weak key**: `your_very_secret_key`');
  });

  it('a cancelled dialog saves nothing', async () => {
    chosen = null;
    expect(await inspector().exportReport('markdown')).toEqual({ saved: false });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("the report's file name", () => {
  it('names the host and the day', () => {
    expect(reportFileName('http://localhost:3000/a', 'json', Date.UTC(2026, 0, 2))).toBe('session-lab-localhost-3000-2026-01-02.json');
    expect(reportFileName('', 'markdown', Date.UTC(2026, 0, 2))).toBe('session-lab-your-app-2026-01-02.md');
    expect(reportFileName('http://[::1]:8000/', 'markdown', Date.UTC(2026, 0, 2))).toBe('session-lab-1-8000-2026-01-02.md');
  });
});

// `npm run cli` as a child process: each command and each error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';
import { strongKey } from '../../support/test-keys';

const root = path.resolve(__dirname, '..', '..', '..');

function cli(...args: string[]) {
  const r = spawnSync('npm', ['run', 'cli', '--', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function header(payload: Record<string, unknown>, secret: string, name = 'lab_session'): string {
  const value = encodeSessionValue(payload);
  return `${name}=${value}; ${name}.sig=${signSessionValue(name, value, secret)}`;
}

describe('npm run cli', () => {
  it('decode prints the payload as JSON', () => {
    const r = cli('decode', header({ username: 'alice', visits: 3 }, strongKey()));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ username: 'alice', visits: 3 });
  });

  it('verify says the signature holds with the right key (exit 0) and not with another (exit 1)', () => {
    const key = strongKey();
    const h = header({ username: 'alice' }, key);
    const good = cli('verify', h, '--secret', key);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('signature valid');
    const bad = cli('verify', h, '--secret', strongKey());
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('signature does NOT match');
  });

  it('crack finds a tutorial secret (exit 0, "secret found: …")', () => {
    const r = cli('crack', header({ username: 'alice' }, 'your_very_secret_key'));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('secret found: your_very_secret_key');
  });

  it('crack never claims a strong secret: exit 1 and how many were tried', () => {
    const r = cli('crack', header({ username: 'alice' }, strongKey()));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^secret not found: tried \d{5,} candidates/);
  });

  it('crack takes a --wordlist file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-wl-')), 'words.txt');
    fs.writeFileSync(file, 'nope\nHunter2-but-longer\nalso-nope\n');
    const r = cli('crack', header({ a: 1 }, 'Hunter2-but-longer', 'sid'), '--wordlist', file);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('secret found: Hunter2-but-longer');
  });

  it('sign prints a Cookie header that verify and the server accept', () => {
    const key = strongKey();
    const r = cli('sign', '{"username":"admin"}', '--secret', key, '--name', 'lab_session');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(header({ username: 'admin' }, key));
  });

  it('--help documents every command', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    for (const word of ['decode', 'verify', 'crack', 'sign', '--wordlist', '--secret', '--name']) expect(r.stdout).toContain(word);
  });

  it.each([
    [['decode', 'not a cookie'], 'not a Cookie header'],
    [['decode', 'lab_session=%%%'], 'not a cookie-session value: The value is not base64.'],
    [['verify', 'a=eyJ9; a.sig=x'], 'This command needs --secret K.'],
    [['verify', 'a=eyJ9', '--secret', 'k'], 'no "a.sig" cookie'],
    [['crack', 'a=eyJ9; a.sig=x', '--wordlist', '/nonexistent/words.txt'], 'Cannot read the wordlist /nonexistent/words.txt'],
    [['sign', '{bad json', '--secret', 'k'], 'The payload is not valid JSON'],
    [['sign', '[1,2]', '--secret', 'k'], 'The payload must be a JSON object'],
    [['sign', '{}', '--secret', 'k', '--name', 'a b'], '"a b" is not a valid cookie name.'],
    [['explode', 'x'], 'Unknown command "explode"'],
    [['decode'], '"decode" needs an argument.'],
    [['decode', 'a=1', '--bogus'], "Unknown option '--bogus'"],
  ])('%j exits 2 with a clear message', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/at .+\.js:\d+/);
  });
});

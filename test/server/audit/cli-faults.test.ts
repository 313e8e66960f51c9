// The faults issue 15 found in the old cookie-session-only CLI, one test each.
// Each failed against the old build (AUDIT_CLI=<old dist>/server/audit/cli.js).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK } from '../../support/audit-cli';
import { strongKey } from '../../support/test-keys';

function cookieSessionHeader(json: string, key = strongKey(), name = 'session'): string {
  // Built by hand: signNew would refuse JSON this deep, and the old CLI must get the same cookie.
  const value = Buffer.from(json).toString('base64');
  const sig = crypto.createHmac('sha1', key).update(`${name}=${value}`).digest('base64url');
  return `${name}=${value}; ${name}.sig=${sig}`;
}

describe('faults of the old CLI, fixed', () => {
  it('deeply nested JSON is one clear line, not an uncaught RangeError with a stack', () => {
    const deep = `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const r = cli(['decode', cookieSessionHeader(deep)]);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toContain('RangeError');
    expect(r.stdout).toContain('nested deeper than 100 levels; it is not shown.');
    expect(r.code).toBe(0);
  });

  it('--wordlist /dev/zero ends at once with exit 2 and a message, in bounded memory', () => {
    const r = cli(['crack', cookieSessionHeader('{"a":1}'), '--wordlist', '/dev/zero'], { nodeArgs: ['--max-old-space-size=64'], timeoutMs: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('Error: The wordlist has a line longer than 1 MiB: that is not a wordlist (a device or a binary file?).');
  });

  it('control characters in cookie names and values never reach the terminal raw', () => {
    const name = 'evil\x1b[31m\x07\x1b[2J\u202e';
    const r = cli(['decode', `${name}=x; ${cookieSessionHeader('{"n":"\\u001b[31mred\\u009b"}')}`]);
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout).toContain('cookie "evil\\x1b[31m\\x07\\x1b[2J\\u{202e}": not a session cookie format');
    expect(r.stdout).toContain('"\\u001b[31mred\\u009b"');
  });

  it('a bad payload is not echoed back whole', () => {
    const bad = `{"user": ${'x'.repeat(5000)} SECRET-TAIL`;
    const r = cli(['sign', bad, '--secret', strongKey()]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('SECRET-TAIL');
    expect(r.stderr.length).toBeLessThan(200);
    expect(r.stderr).toContain('Error: The payload is not valid JSON (unexpected character at character 10).');
  });

  it('the key can come from an environment variable or stdin, not only argv (where ps shows it)', () => {
    const key = strongKey();
    const header = cookieSessionHeader('{"user":"alice"}', key);
    const fromEnv = cli(['verify', header, '--secret-env', 'LAB_KEY'], { env: { LAB_KEY: key } });
    expect(fromEnv.stdout).toBe('cookie "session": signature valid: made with this key (keygrip HMAC-SHA1)\n');
    expect(fromEnv.code).toBe(0);
    const fromStdin = cli(['verify', header, '--secret-stdin'], { input: `${key}\n` });
    expect(fromStdin.code).toBe(0);
    expect(cli(['verify', header, '--secret-env', 'LAB_KEY'], { env: { LAB_KEY: strongKey() } }).code).toBe(1);
  });

  it('a 1.5M-line wordlist streams through in bounded memory (64 MB of heap was 2.2 GB RSS before)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-big-')), 'big.txt');
    const fd = fs.openSync(file, 'w');
    for (let block = 0; block < 150; block++) {
      let text = '';
      for (let i = 0; i < 10_000; i++) text += `candidate-${block}-${i}\n`;
      fs.writeSync(fd, text);
    }
    fs.closeSync(fd);
    try {
      const r = cli(['crack', cookieSessionHeader('{"a":1}'), '--wordlist', file], { nodeArgs: ['--max-old-space-size=64'], timeoutMs: 120_000 });
      expect(r.stdout).toBe('secret not found\n');
      expect(r.stderr).toMatch(/^\(1500000 candidates \(\d+ keys\) in [\d.]+ s, [\d.]+ [kM]? ?keys\/s on \d+ threads?\)\n$/);
      expect(r.code).toBe(1);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

// The auditor CLI as a script runs it (node dist/server/audit/cli.js): exact
// stdout, stderr and exit status, for every command; two runs go through npm.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsonwebtoken from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../server/audit/cli/run-cli';
import { signNew } from '../../../server/audit/session-auditor';
import { BUILT_CRACK_POOL_WORKER } from '../../support/audit-crack';
import { BUILT_CLI, cli, STACK } from '../../support/audit-cli';
import { djangoPeer, flaskPeer } from '../../support/framework-peers';
import { strongKey } from '../../support/test-keys';

const root = path.resolve(__dirname, '..', '..', '..');
const b = (s: string) => Buffer.from(s);
const header = (signed: { cookies: Array<{ name: string; value: string }> }) => signed.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const cookieSession = (key: string, payload = '{"username":"alice"}', name = 'lab_session') =>
  header(signNew('cookie-session', { name, payload, secret: b(key) }));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));

describe('decode', () => {
  it('examines every cookie of a Cookie header and names each format; unknown ones are listed, not errors', () => {
    const flask = flaskPeer({ op: 'flask-sign', secret: strongKey(), payload: { user: 'bob' } }).cookie as string;
    const jwt = jsonwebtoken.sign({ sub: 'carol' }, strongKey(), { noTimestamp: true });
    const r = cli(['decode', `Cookie: theme=dark; session=${flask}; token=${jwt}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const blocks = r.stdout.split(/\n(?=cookie ")/);
    expect(blocks[0]).toBe('cookie "theme": not a session cookie format the auditor knows (value "dark")');
    expect(blocks[1]).toMatch(/^cookie "session": Flask session \(itsdangerous URLSafeTimedSerializer\)\n {2}signed at: .+\n {2}compressed: no\n/);
    expect(blocks[1]).toContain('  payload:\n    {\n      "user": "bob"\n    }\n');
    expect(blocks[2]).toBe(
      [
        'cookie "token": JSON Web Token',
        '  header: {"alg":"HS256","typ":"JWT"}',
        '  signature: HS256: HMAC-SHA256 over "<header>.<payload>" as sent',
        '  payload:',
        '    {',
        '      "sub": "carol"',
        '    }',
        '  note: A JWT is signed, not encrypted: its claims are readable by anyone holding it.',
        '',
      ].join('\n'),
    );
  });

  it('Set-Cookie lines: their attributes and the cookie audit’s findings, judged as sent over https, in text and --json', () => {
    const flask = flaskPeer({ op: 'flask-sign', secret: strongKey(), payload: { user: 'bob' } }).cookie as string;
    const input = `Set-Cookie: session=${flask}; HttpOnly; Path=/\nSet-Cookie: token=${jsonwebtoken.sign({ sub: 'x' }, strongKey())}; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=600`;
    const r = cli(['decode', input]);
    expect(r.code).toBe(0);
    const [session, token] = r.stdout.trimEnd().split(/\n(?=cookie ")/);
    expect(session!.split('\n').slice(-4)).toEqual([
      `  attributes (judged as sent over https): Secure no, HttpOnly yes, SameSite unset, host-only, Path /, session cookie, ${'session'.length + flask.length} B`,
      '  finding (medium): Secure is missing on an https site. Set SESSION_COOKIE_SECURE = True.',
      "  finding (low): SameSite is not set. Set SESSION_COOKIE_SAMESITE = 'Lax'.",
      expect.stringMatching(/^ {2}finding \(low\): No __Host- prefix\. Set SESSION_COOKIE_NAME = '__Host-session'\./),
    ]);
    expect(token).toMatch(
      /\n {2}attributes \(judged as sent over https\): Secure yes, HttpOnly yes, SameSite Strict, host-only, Path \/, expires \d{4}-\d\d-\d\dT[\d:]+Z, \d+ B\n/,
    );
    const json = cli(['decode', input, '--json'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { setCookie: { attributes: Record<string, unknown>; findings: Array<{ rule: string }> } });
    expect(json[0]!.setCookie.attributes).toMatchObject({
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: true,
      sameSite: 'unspecified',
      expirationDate: null,
    });
    expect(json.map((o) => o.setCookie.findings.map((f) => f.rule))).toEqual([['secure-missing', 'samesite-missing', 'prefix-missing'], expect.any(Array)]);
    // A Cookie header has no attributes to audit.
    expect(cli(['decode', `session=${flask}`]).stdout).not.toContain('attributes');
  });

  it('--json prints one object per cookie, one per line; a bare value and URL-encoding are read too', () => {
    const express = header(signNew('express-session', { name: 'connect.sid', payload: 'abc123', secret: b(strongKey()) }));
    const r = cli(['decode', express.split('=').slice(1).join('='), '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        cookie: null,
        format: 'express-session',
        title: 'express-session (cookie-signature)',
        facts: { 'session ID': 'abc123', signature: 'HMAC-SHA256 of the session ID (cookie-signature)' },
        payload: { kind: 'hidden', reason: "The session's data lives on the server, in express-session's store; the cookie holds only its ID." },
        notes: ['With the secret, anyone can sign any session ID: a known or guessed ID becomes that session.'],
      },
    ]);
  });

  it('--format forces a format; a cookie that does not read as it is exit 2', () => {
    const r = cli(['decode', cookieSession(strongKey()), '--format', 'django']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: No cookie in the input reads as django.\n');
  });
});

describe('verify', () => {
  it('exit 0 when the key made every cookie, 1 when it made none; the key from env, stdin or argv', () => {
    const key = strongKey();
    const h = cookieSession(key);
    expect(cli(['verify', h, '--secret', key])).toMatchObject({
      code: 0,
      stdout: 'cookie "lab_session": signature valid: made with this key (keygrip HMAC-SHA1)\n',
    });
    expect(cli(['verify', h, '--secret-stdin'], { input: strongKey() })).toMatchObject({
      code: 1,
      stdout: 'cookie "lab_session": signature does NOT match: not made with this key (or changed since)\n',
    });
  });

  it('an encrypted cookie that verifies is opened: Django shows its hash variant, Laravel its value', () => {
    const key = `base64:${Buffer.alloc(32, 9).toString('base64')}`;
    const laravel = header(signNew('laravel', { name: 'laravel_session', payload: 'the-session-id', secret: b(key) }));
    const r = cli(['verify', laravel, '--secret-env', 'APP_KEY', '--json'], { env: { APP_KEY: key } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      cookie: 'laravel_session',
      format: 'laravel',
      valid: true,
      variant: 'AES-CBC + HMAC-SHA256',
      payload: { kind: 'text', text: 'the-session-id' },
    });
    const dj = djangoPeer({ op: 'sign', secret: 'dj-key', algorithm: 'sha1', payload: { a: 1 } }).cookie as string;
    expect(cli(['verify', `sessionid=${dj}`, '--secret', 'dj-key']).stdout).toBe(
      'cookie "sessionid": signature valid: made with this key (Django 3.0 and earlier (SHA-1))\n',
    );
  });
});

describe('crack', () => {
  it('cracks many cookies of different formats in one pass over the built-in list, each stopping at its first hit', () => {
    const flask = flaskPeer({ op: 'flask-sign', secret: 'CHANGEME', payload: { user: 'bob' } }).cookie as string;
    const jwt = jsonwebtoken.sign({ sub: 'x' }, 'secret');
    const strong = cookieSession(strongKey(), '{"a":1}', 'other');
    const r = cli(['crack', `session=${flask}; token=${jwt}; ${strong}`, '--json']);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => [o.cookie, o.format, o.found, o.secret])).toEqual([
      ['session', 'flask', true, 'CHANGEME'],
      ['token', 'jwt', true, 'secret'],
      ['other', 'cookie-session', false, undefined],
    ]);
    expect(out[0]!.run).toMatchObject({
      outcome: 'exhausted',
      threads: os.availableParallelism(),
      total: expect.any(Number),
      keysPerSecond: expect.any(Number),
      elapsedMs: expect.any(Number),
      startupMs: expect.any(Number),
    });
    const run = out[0]!.run as { startupMs: number; elapsedMs: number };
    expect(run.startupMs).toBeLessThanOrEqual(run.elapsedMs);
    const text = cli(['crack', `session=${flask}; token=${jwt}; ${strong}`]);
    expect(text.stdout).toBe(
      'cookie "session" (flask): secret found: CHANGEME\ncookie "token" (jwt): secret found: secret\ncookie "other" (cookie-session): secret not found\n',
    );
    expect(text.stderr).toMatch(/^\(\d+ of \d+ candidates \(\d+ keys\) in [\d.]+ s, .+ keys\/s on \d+ threads?\)\n$/);
  });

  it('a wordlist from stdin ("-"), raw bytes, CRLF line ends, over-long lines skipped and counted', () => {
    const key = 'läuft\xff'; // not UTF-8 once written as latin1 below
    const keyBytes = Buffer.from(key, 'latin1');
    const h = header(signNew('cookie-session', { name: 's', payload: '{"a":1}', secret: keyBytes }));
    const list = Buffer.concat([b('nope\r\n'), b('x'.repeat(5000)), b('\r\n'), keyBytes, b('\r\nafter\r\n')]);
    const r = cli(['crack', h, '--wordlist', '-', '--json', '--transforms', 'raw'], { input: list });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      found: true,
      secret: 'l\\xe4uft\\xff',
      secretHex: keyBytes.toString('hex'),
      position: 3,
      run: { overlongLines: 1 },
    });
    const text = cli(['crack', h, '--wordlist', '-', '--transforms', 'raw'], { input: list });
    expect(text.stdout).toBe(`secret found: l\\xe4uft\\xff (not text; hex ${keyBytes.toString('hex')})\n`);
  });

  it('--transforms: a key written in hex is found hex-decoded, and only when hex is tried', () => {
    const raw = Buffer.from('00ff10aa55', 'hex');
    const h = header(signNew('cookie-session', { name: 's', payload: '{"a":1}', secret: raw }));
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'w.txt'), 'a\n00ff10aa55\n');
    expect(cli(['crack', h, '--wordlist', path.join(dir, 'w.txt'), '--transforms', 'raw,base64'])).toMatchObject({ code: 1, stdout: 'secret not found\n' });
    expect(cli(['crack', h, '--wordlist', path.join(dir, 'w.txt')])).toMatchObject({
      code: 0,
      stdout: 'secret found: 00ff10aa55 (hex-decoded: the key is the bytes 00ff10aa55)\n',
    });
  });

  it('progress on a terminal shows tried/total, keys per second and ETA; --quiet and pipes show none', async () => {
    const write = (sink: string[]) => (s: string) => void sink.push(s);
    const run = async (tty: boolean, extra: string[] = []) => {
      const stderr: string[] = [];
      const stdout: string[] = [];
      const code = await runCli(['crack', cookieSession(strongKey()), '--threads', '1', ...extra], {
        stdout: write(stdout),
        stderr: write(stderr),
        readStdin: () => Promise.resolve(Buffer.alloc(0)),
        stdinStream: process.stdin,
        env: {},
        stderrIsTty: tty,
        signal: new AbortController().signal,
        workerPath: BUILT_CRACK_POOL_WORKER,
      });
      return { code, stderr: stderr.join(''), stdout: stdout.join('') };
    };
    const tty = await run(true);
    expect(tty.code).toBe(1);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    expect(tty.stderr).toMatch(/\r[\d.]+ k?\/[\d.]+ k tried · [\d.]+ [kM]? ?keys\/s · ETA \d+ s\x1b\[K/);
    expect(tty.stderr).toContain('\r\x1b[K(');
    expect((await run(true, ['--quiet'])).stderr).not.toContain('\r');
    expect((await run(false)).stderr).not.toContain('\r');
  });

  it('Ctrl-C stops the crack cleanly and says how far it got', async () => {
    const skb = 'not-in-any-list-' + strongKey();
    const rails = header(signNew('rails', { name: 'c', payload: '{"a":1}', secret: b(skb) }));
    const child = spawn(process.execPath, [BUILT_CLI, 'crack', rails, '--wordlist', '-', '--threads', '1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin.on('error', () => undefined);
    const lines = Array.from({ length: 20_000 }, (_, i) => `guess-${i}`).join('\n');
    child.stdin.write(`${lines}\n`);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(stdout).toBe('secret not found\n');
    expect(stderr).toMatch(/^Stopped by Ctrl-C after \d+ candidates \(\d+ keys\) in [\d.]+ s, .+ keys\/s on 1 thread\.\n$/);
  });
});

describe('sign', () => {
  it('with no --format, a cookie-session cookie as before; the key from an env var', () => {
    const key = strongKey();
    const r = cli(['sign', '{"username":"admin"}', '--name', 'lab_session', '--secret-env', 'K'], { env: { K: key } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${cookieSession(key, '{"username":"admin"}')}\n`);
    expect(r.stderr).toBe('(cookie-session: keygrip HMAC-SHA1 over "lab_session=<value>")\n');
  });

  it("--format jwt signs as jsonwebtoken; --resign rewrites a cookie's payload with the same format", () => {
    const key = strongKey();
    const r = cli(['sign', '{"sub":"admin"}', '--format', 'jwt', '--name', 'token', '--secret', key]);
    expect(r.stdout).toBe(`token=${jsonwebtoken.sign({ sub: 'admin' }, key, { noTimestamp: true })}\n`);
    const flask = flaskPeer({ op: 'flask-sign', secret: key, payload: { user: 'bob' } }).cookie as string;
    const re = cli(['sign', '--resign', `session=${flask}`, '{"user":"admin"}', '--secret', key, '--json']);
    expect(re.code).toBe(0);
    const value = (JSON.parse(re.stdout) as { cookies: Array<{ value: string }> }).cookies[0]!.value;
    expect(flaskPeer({ op: 'flask-read', secret: key, cookie: value }).session).toEqual({ user: 'admin' });
  });
});

describe('bad input: exit 2, one line, never a stack', () => {
  it.each([
    [['decode', ''], 'Error: The input is empty: give a cookie value, name=value, or a Cookie header.'],
    [['decode', 'theme=dark; lang=en'], 'Error: No session cookie format the auditor knows in the input ("theme", "lang").'],
    [['verify', 'a=eyJ9'], 'Error: verify needs a key: --secret-env VAR, --secret-stdin or --secret K.'],
    [['verify', 'x', '--secret-env', 'NOPE_NOT_SET'], 'Error: The environment variable "NOPE_NOT_SET" is not set.'],
    [
      ['crack', cookieSession(strongKey()), '--wordlist', '/nonexistent/words.txt'],
      'Error: Cannot read the wordlist "/nonexistent/words.txt": no such file or directory, stat \'/nonexistent/words.txt\'',
    ],
    [['crack', 'x', '--threads', '0'], 'Error: --threads must be a whole number from 1 to 64, not "0".'],
    [['crack', 'x', '--transforms', 'rot13'], 'Error: --transforms: Unknown key form "rot13": use raw, hex, base64, laravel or all.'],
    [['sign', '[1,2]', '--secret', 'k'], 'Error: A cookie-session payload must be a JSON object, such as {"username":"admin"}.'],
    [
      ['sign', '{}', '--format', 'laravel', '--secret', 'short'],
      'Error: A Laravel key is 32 bytes (AES-256) or 16 (AES-128); this one is 5. Give APP_KEY as "base64:…".',
    ],
    [['explode', 'x'], 'Error: Unknown command "explode": use decode, verify, crack or sign.'],
    [['decode'], 'Error: "decode" needs the cookies as its argument.'],
    [
      ['decode', 'a=1', '--bogus'],
      "Error: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"",
    ],
  ])('%j', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(message);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toBe('');
  });
});

describe('through npm run cli (scripts should call the built CLI: npm adds its own JSON to stdout on failure)', () => {
  const npm = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: root, encoding: 'utf8' });

  it('crack: exit 0 with "secret found" for a tutorial key, 1 for a strong one, 2 for bad input', () => {
    const found = npm('crack', cookieSession('your_very_secret_key'));
    expect(found.status).toBe(0);
    expect(found.stdout.trim()).toBe('secret found: your_very_secret_key');
    expect(npm('crack', cookieSession(strongKey())).status).toBe(1);
    expect(npm('decode', 'not a cookie; at all').status).toBe(2);
  });

  it('--help documents every command and option', () => {
    const r = npm('--help');
    expect(r.status).toBe(0);
    for (const word of [
      'decode',
      'verify',
      'crack',
      'sign',
      '--resign',
      '--wordlist',
      '--transforms',
      '--threads',
      '--secret-env',
      '--secret-stdin',
      '--json',
      '--quiet',
      '--format',
    ])
      expect(r.stdout).toContain(word);
  });
});

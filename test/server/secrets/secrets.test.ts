// Signing keys: weak ones refused, a strong one generated, stored 0600 and reused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadKeys, SECRET_FILE_NAME } from '../../../server/secrets/secrets';
import { secretWeakness } from '../../../server/secrets/secret-strength';
import { WELL_KNOWN_WEAK_SECRETS } from '../../../server/secrets/weak-secrets';
import { resolveDataDir } from '../../../server/data-dir';
import { strongKey } from '../../support/test-keys';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The ConfigError message loadKeys refuses with. */
function refusal(env: NodeJS.ProcessEnv, dir: string = tempDir()): string {
  try {
    loadKeys(env, dir);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected loadKeys to refuse');
}

describe('SESSION_SECRET from the environment', () => {
  it('a strong secret is used as the only key', () => {
    const key = strongKey();
    expect(loadKeys({ SESSION_SECRET: key }, tempDir())).toEqual({ keys: [key], source: 'environment' });
  });

  it('a secret shorter than 32 characters is refused, saying how long it is and how to make one', () => {
    const message = refusal({ SESSION_SECRET: 'Xk8#pQ2$wL9!mN4' });
    expect(message).toContain('SESSION_SECRET is refused: it is 15 characters long; at least 32 are required');
    expect(message).toContain("randomBytes(32).toString('hex')");
  });

  it.each(['your_very_secret_key', 'another_secret_key', 'keyboard cat', 'Secret', '  changeme  '])('the well-known secret %j is refused', (secret) => {
    expect(refusal({ SESSION_SECRET: secret })).toContain('well-known default, example or tutorial secret');
  });

  it('a well-known secret of 32+ characters is refused too', () => {
    expect(refusal({ SESSION_SECRET: 'abcdefghijklmnopqrstuvwxyz123456' })).toContain('well-known');
  });

  it.each(['a'.repeat(40), 'letmeinletmeinletmeinletmeinletmein', 'passwordpasswordpasswordpassword12'])(
    'a long but guessable secret %j is refused',
    (secret) => {
      expect(refusal({ SESSION_SECRET: secret })).toContain('repeated characters, sequences or common words');
    },
  );

  it('older keys come from SESSION_PREVIOUS_SECRETS, newest first, after SESSION_SECRET', () => {
    const [a, b, c] = [strongKey(), strongKey(), strongKey()];
    expect(loadKeys({ SESSION_SECRET: a, SESSION_PREVIOUS_SECRETS: ` ${b}\n${c} ` }, tempDir()).keys).toEqual([a, b, c]);
  });

  it('a weak previous key is refused and named', () => {
    expect(refusal({ SESSION_SECRET: strongKey(), SESSION_PREVIOUS_SECRETS: `${strongKey()} changeme` })).toContain(
      'SESSION_PREVIOUS_SECRETS (key 2) is refused',
    );
  });

  it('previous keys without a current key are refused', () => {
    expect(refusal({ SESSION_PREVIOUS_SECRETS: strongKey() })).toContain('SESSION_PREVIOUS_SECRETS is set but SESSION_SECRET is not');
  });

  it('every built-in weak secret is refused', () => {
    for (const secret of WELL_KNOWN_WEAK_SECRETS) expect(secretWeakness(secret), secret).not.toBeNull();
  });
});

describe('the generated key file', () => {
  it('is created on first start with 32 random bytes, mode 0600', () => {
    const dir = path.join(tempDir(), 'nested', 'Session Lab');
    const loaded = loadKeys({}, dir);
    const file = path.join(dir, SECRET_FILE_NAME);
    expect(loaded.source).toBe('generated');
    expect(loaded.file).toBe(file);
    expect(loaded.keys).toHaveLength(1);
    expect(loaded.keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${loaded.keys[0]}\n`);
  });

  it('is reused on the next start, so logins survive a restart', () => {
    const dir = tempDir();
    const first = loadKeys({}, dir);
    const second = loadKeys({}, dir);
    expect(second).toEqual({ keys: first.keys, source: 'file', file: first.file });
  });

  it('is not created when SESSION_SECRET is set', () => {
    const dir = tempDir();
    loadKeys({ SESSION_SECRET: strongKey() }, dir);
    expect(fs.existsSync(path.join(dir, SECRET_FILE_NAME))).toBe(false);
  });

  it('holds several keys for rotation, newest first, comments allowed', () => {
    const dir = tempDir();
    const [a, b] = [strongKey(), strongKey()];
    fs.writeFileSync(path.join(dir, SECRET_FILE_NAME), `# rotated 2026-11-25\n${a}\n${b}\n`);
    expect(loadKeys({}, dir).keys).toEqual([a, b]);
  });

  it.each([
    ['empty', '', 'it holds no key'],
    ['not hex', 'this is not a key\n', 'line 1 is not a 64-digit hex key'],
    ['truncated', 'abcdef\n', 'line 1 is not a 64-digit hex key'],
  ])('a corrupt (%s) file is a clear error naming the file, never a silent new key', (_what, content, why) => {
    const dir = tempDir();
    const file = path.join(dir, SECRET_FILE_NAME);
    fs.writeFileSync(file, content);
    const message = refusal({}, dir);
    expect(message).toContain(`The session secret file ${file} is corrupt: ${why}.`);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it.each([
    ['sixty-four zeros', '0'.repeat(64)],
    ['a repeated word', 'deadbeef'.repeat(8)],
    ['a sequence', '0123456789abcdef'.repeat(4)],
  ])('a key of %s in the file is refused like a weak SESSION_SECRET, naming the file and the line; the file is left alone', (_what, weak) => {
    const dir = tempDir();
    const file = path.join(dir, SECRET_FILE_NAME);
    const content = `${strongKey()}\n${weak}\n`;
    fs.writeFileSync(file, content);
    const message = refusal({}, dir);
    expect(message).toContain(`The key on line 2 of the session secret file ${file} is refused: ${secretWeakness(weak)}.`);
    expect(message).toContain('randomBytes(32)');
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file is a clear error naming the file (skipped as root: root reads any file)', () => {
    const dir = tempDir();
    const file = path.join(dir, SECRET_FILE_NAME);
    fs.writeFileSync(file, `${strongKey()}\n`, { mode: 0o000 });
    expect(refusal({}, dir)).toContain(`Cannot read the session secret file ${file}`);
  });

  it('a file that cannot be read (a directory in its place) is a clear error naming the file', () => {
    const dir = tempDir();
    const file = path.join(dir, SECRET_FILE_NAME);
    fs.mkdirSync(file);
    expect(refusal({}, dir)).toContain(`Cannot read the session secret file ${file}`);
  });

  it('a data dir that cannot be created is a clear error', () => {
    const blocker = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(blocker, '');
    expect(refusal({}, path.join(blocker, 'Session Lab'))).toContain('Cannot create the session secret file');
  });
});

describe('the data dir', () => {
  it('is SESSION_LAB_DATA_DIR when set', () => {
    expect(resolveDataDir({ SESSION_LAB_DATA_DIR: '/tmp/lab-data' }, 'linux', '/home/u')).toBe('/tmp/lab-data');
  });

  it.each([
    ['linux', {}, '/home/u/.config/Session Lab'],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/Session Lab'],
    ['darwin', {}, '/home/u/Library/Application Support/Session Lab'],
    ['win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, path.join('C:\\Users\\u\\AppData\\Roaming', 'Session Lab')],
  ] as const)('on %s with %j it is the app-data folder Electron uses: %s', (platform, env, expected) => {
    expect(resolveDataDir(env, platform, '/home/u')).toBe(expected);
  });
});

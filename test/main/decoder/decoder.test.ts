import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { DecoderCrackProgress } from '../../../contract';
import { CrackBusyError, TypedKeyError, type CrackRun } from '../../../main/audit/audit-keys';
import { createDecoder, DecoderError, type WordlistPicker } from '../../../main/decoder/decoder';
import { crackCookies } from '../../../server/audit/crack/crack-pool';
import { signNew } from '../../../server/audit/session-auditor';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';
import { flaskPeer } from '../../support/framework-peers';
import { tempDir } from '../../support/temp-dir';

// The built worker (npm test builds before vitest).
const workerPath = path.resolve('dist/server/audit/crack-worker.js');
const TUTORIAL_KEY = 'your_very_secret_key';
const FLASK_VARIANT = 'Flask HMAC-SHA1, hmac key derivation, salt "cookie-session"';
const crack: CrackRun = (targets, onProgress, signal, source) => crackCookies(targets, source, { threads: 1, signal, onProgress, workerPath });

// A session cookie the real Flask set with the tutorial's key, and the lab's own
// cookie-session pair as the tutorial's weak-key demo signs it.
const flaskValue = String(flaskPeer({ op: 'flask-sign', secret: TUTORIAL_KEY, payload: { username: 'alice' } }).cookie);
const labValue = encodeSessionValue({ username: 'alice', visits: 2 });
const labPair = `lab_session=${labValue}; lab_session.sig=${signSessionValue('lab_session', labValue, TUTORIAL_KEY)}`;
const strongFlask = signNew('flask', { name: 'session', payload: '{"username":"bob"}', secret: Buffer.from('a4c9e1f0b7d2e3a8c6f5b4a3d2e1f0c9') }).cookies[0]!
  .value;

/** A picker that answers as the person would: with this file, or by cancelling (null). */
function pickerOf(answer: () => string | null): WordlistPicker & { pickWordlist: ReturnType<typeof vi.fn> } {
  return { pickWordlist: vi.fn(async () => answer()) };
}

function decoder(options: { picker?: WordlistPicker; run?: CrackRun; onProgress?: (progress: DecoderCrackProgress) => void } = {}) {
  return createDecoder({ crack: options.run ?? crack, picker: options.picker ?? pickerOf(() => null), onCrackProgress: (p) => options.onProgress?.(p) });
}

/** The file descriptors this process holds open on `file` (Linux's /proc). */
function openDescriptors(file: string): string[] {
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  });
}

function wordlist(lines: string[], eol = '\n'): string {
  const file = path.join(tempDir(), 'my words.txt');
  fs.writeFileSync(file, lines.join(eol) + eol);
  return file;
}

describe('the Decoder reading what was pasted', () => {
  it('reads a Flask cookie the real Flask made: its format, its facts and its payload, escaped text', async () => {
    const reading = await decoder().decode(`session=${flaskValue}`);
    expect(reading.key).toEqual({ set: false, encoding: null, bytes: 0 });
    expect(reading.cookies).toHaveLength(1);
    const [cookie] = reading.cookies;
    expect(cookie).toMatchObject({ index: 0, name: 'session', signatureCookie: null, value: flaskValue, verdict: { state: 'no-key' }, weakKey: null });
    expect(cookie!.decoded).toMatchObject({ format: 'flask', title: 'Flask session (itsdangerous URLSafeTimedSerializer)', unverifiable: null });
    expect(cookie!.decoded!.payload).toEqual({ kind: 'json', text: '{\n  "username": "alice"\n}' });
    expect(cookie!.decoded!.facts.map((f) => f.label)).toContain('signed at');
    expect(cookie!.decoded!.notes).toContain('The payload is only signed, not encrypted: anyone holding the cookie can read it.');
  });

  it('reads every cookie of a whole Cookie header; a .sig goes with its cookie; an unknown value is said to be one', async () => {
    const reading = await decoder().decode(`Cookie: session=${flaskValue}; ${labPair}; theme=dark`);
    expect(reading.cookies.map((c) => [c.name, c.signatureCookie, c.decoded?.format ?? null])).toEqual([
      ['session', null, 'flask'],
      ['lab_session', 'lab_session.sig', 'cookie-session'],
      ['theme', null, null],
    ]);
    expect(reading.cookies[1]!.decoded!.payload.text).toContain('"visits": 2');
  });

  it('a bare value has no name', async () => {
    expect((await decoder().decode(`  ${flaskValue}\n`)).cookies.map((c) => [c.name, c.decoded?.format])).toEqual([[null, 'flask']]);
  });

  it('control and direction characters in what was pasted are shown escaped', async () => {
    const [cookie] = (await decoder().decode('th\u202eme=da\u001brk')).cookies;
    expect(cookie).toMatchObject({ name: 'th\\u{202e}me', value: 'da\\x1brk', decoded: null });
  });

  it('input that holds no cookie is refused with the engine’s sentence, and the cookies read before stay', async () => {
    const d = decoder();
    await d.decode(`session=${flaskValue}`);
    await expect(d.decode('   ')).rejects.toThrow('The input is empty: give a cookie value, name=value, or a Cookie header.');
    await expect(d.decode('a=1; junk')).rejects.toThrow('Part 2 of the header has no name=value.');
    await expect(d.decode('a=1; junk')).rejects.toMatchObject({ name: 'CookieInputError' });
    expect((await d.reading()).cookies.map((c) => c.name)).toEqual(['session']);
  });
});

describe('Set-Cookie lines pasted', () => {
  const NOW = 1_800_000_000;
  const rules = (c: { setCookie: { audit: { findings: Array<{ rule: string }> } } | null } | undefined) => c?.setCookie?.audit.findings.map((f) => f.rule);

  it('audits each line’s attributes as sent over https, as the jar’s are: what Flask sends by default wants Secure and SameSite', async () => {
    const d = createDecoder({ crack, picker: pickerOf(() => null), onCrackProgress: () => undefined, now: () => NOW });
    const reading = await d.decode(`Set-Cookie: session=${flaskValue}; HttpOnly; Path=/\nSet-Cookie: theme=dark; Path=/; Max-Age=31536000`);
    const [session, theme] = reading.cookies;
    expect(session!.decoded?.format).toBe('flask');
    expect(session!.setCookie!.cookie).toMatchObject({
      name: 'session',
      hostOnly: true,
      path: '/',
      httpOnly: true,
      secure: false,
      session: true,
      sameSite: 'unspecified',
    });
    expect(rules(session)).toEqual(['secure-missing', 'samesite-missing', 'prefix-missing']);
    expect(session!.setCookie!.audit.findings.find((f) => f.rule === 'secure-missing')!.fix).toContain('SESSION_COOKIE_SECURE');
    // A year from when it was read: not a session cookie, and not one that looks like a session either.
    expect(theme!.setCookie!.cookie).toMatchObject({ session: false, expirationDate: NOW + 31_536_000 });
    expect(theme!.setCookie!.audit.sessionLike).toBe(false);

    // The crack's key is a finding on the line too.
    await d.crack('built-in');
    expect(rules((await d.reading()).cookies[0])).toEqual(['weak-key', 'secure-missing', 'samesite-missing', 'prefix-missing']);
  });

  it('a line set as the cheat sheet asks has nothing to say; a Cookie header has no attributes to audit', async () => {
    const d = decoder();
    const good = await d.decode(`Set-Cookie: __Host-session=${strongFlask}; Secure; HttpOnly; SameSite=Lax; Path=/`);
    expect(good.cookies[0]!.setCookie!.audit).toMatchObject({ sessionLike: true, framework: 'flask', findings: [] });
    expect((await d.decode(`session=${strongFlask}`)).cookies[0]!.setCookie).toBeNull();
  });

  it('what the line says is shown escaped, as the cookie’s own name and value are', async () => {
    const reading = await decoder().decode('Set-Cookie: s=\u202eabc; Path=/\u200b');
    expect(reading.cookies[0]!.setCookie!.cookie).toMatchObject({ value: '\\u{202e}abc', path: '/\\u{200b}' });
  });
});

describe('the key the person types', () => {
  it('checks each cookie: valid with the right key (and the variant), not with a wrong one; it never comes back', async () => {
    const d = decoder();
    await d.decode(`session=${flaskValue}; ${labPair}; theme=dark`);
    const right = await d.setKey(TUTORIAL_KEY, 'text');
    expect(right.key).toEqual({ set: true, encoding: 'text', bytes: 20 });
    expect(right.cookies.map((c) => c.verdict)).toEqual([
      { state: 'valid', variant: FLASK_VARIANT, revealed: null },
      { state: 'valid', variant: 'keygrip HMAC-SHA1', revealed: null },
      { state: 'unverifiable', reason: 'No session format the auditor knows reads this cookie, so there is no signature to check.' },
    ]);
    expect(JSON.stringify(right)).not.toContain(TUTORIAL_KEY);
    const wrong = await d.setKey('not the key', 'text');
    expect(wrong.cookies.map((c) => c.verdict.state)).toEqual(['invalid', 'invalid', 'unverifiable']);
    expect(wrong.cookies[0]!.verdict).toEqual({
      state: 'invalid',
      reason: 'No variant of this format made the cookie with this key (or the cookie was changed).',
    });
    expect((await d.forgetKey()).cookies.map((c) => c.verdict.state)).toEqual(['no-key', 'no-key', 'no-key']);
  });

  it('stays for the next text decoded; a key that does not read in its encoding leaves the one before', async () => {
    const d = decoder();
    await d.decode('theme=dark');
    await d.setKey(Buffer.from(TUTORIAL_KEY).toString('hex'), 'hex');
    await expect(d.setKey('zz', 'hex')).rejects.toThrow(TypedKeyError);
    const next = await d.decode(`session=${flaskValue}`);
    expect(next.key).toEqual({ set: true, encoding: 'hex', bytes: 20 });
    expect(next.cookies[0]!.verdict.state).toBe('valid');
  });

  it('is forgotten, with the cookies, when the decoder closes', async () => {
    const d = decoder();
    await d.decode(`session=${flaskValue}`);
    await d.setKey(TUTORIAL_KEY, 'text');
    d.close();
    expect(await d.reading()).toEqual({ cookies: [], key: { set: false, encoding: null, bytes: 0 } });
  });
});

describe('cracking with the built-in list', () => {
  it("finds the tutorial's key for a Flask cookie and for the lab's cookie-session cookie in one pass, with progress", async () => {
    const progress: DecoderCrackProgress[] = [];
    const d = decoder({ onProgress: (p) => progress.push(p) });
    await d.decode(`session=${flaskValue}; ${labPair}; theme=dark`);
    const outcome = await d.crack('built-in');
    expect(outcome).toMatchObject({ outcome: 'all-found', list: 'built-in', fileName: null, found: 2, cookies: 2, threads: 1, overlong: 0 });
    expect(progress.at(-1)).toMatchObject({ list: 'built-in', found: 2, bytesTotal: null });
    const weak = (await d.reading()).cookies.map((c) => c.weakKey);
    expect(weak).toEqual([
      { key: TUTORIAL_KEY, form: 'as written', variant: FLASK_VARIANT, position: expect.any(Number) },
      { key: TUTORIAL_KEY, form: 'as written', variant: 'keygrip HMAC-SHA1', position: expect.any(Number) },
      null,
    ]);
    // The key found on a public list also marks a cookie decoded later that it signs.
    expect((await d.decode(`session=${flaskValue}`)).cookies[0]!.weakKey?.key).toBe(TUTORIAL_KEY);
  });

  it('with nothing signed there is nothing to crack, and no dialog is opened for a file', async () => {
    const picker = pickerOf(() => wordlist(['x']));
    const run = vi.fn(crack);
    const d = decoder({ picker, run });
    await d.decode('theme=dark; lang=en');
    expect(await d.crack('built-in')).toMatchObject({ outcome: 'nothing-to-crack', cookies: 0 });
    expect(await d.crack('file')).toMatchObject({ outcome: 'nothing-to-crack', list: 'file' });
    expect(picker.pickWordlist).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it('Stop ends the run; a second crack while one runs is refused', async () => {
    // Small batches: progress comes early, and the person presses Stop at the first.
    const d = decoder({
      run: (t, onProgress, signal, source) => crackCookies(t, source, { threads: 1, signal, onProgress, workerPath, batchSize: 500 }),
      onProgress: (p) => {
        if (p.tried > 0) d.stop();
      },
    });
    await d.decode(`session=${strongFlask}`);
    const running = d.crack('built-in');
    await expect(d.crack('built-in')).rejects.toThrow(new CrackBusyError('Keys are being tried already: wait for the crack to end, or stop it.'));
    const outcome = await running;
    expect(outcome).toMatchObject({ outcome: 'stopped', list: 'built-in' });
    if (outcome.outcome === 'cancelled') throw new Error('not cancelled');
    expect(outcome.tried).toBeLessThan(outcome.total);
  });
});

describe('cracking with a wordlist file the person picks', () => {
  it("streams the file main's picker chose: the key found, the file named (not its folder), over-long lines counted, CRLF read", async () => {
    const key = 'decoder-test-only-key-7Qx';
    const file = wordlist(['password', 'x'.repeat(5000), 'hunter2', key, 'after'], '\r\n');
    const flask = signNew('flask', { name: 'session', payload: '{"username":"carol"}', secret: Buffer.from(key) }).cookies[0]!.value;
    const progress: DecoderCrackProgress[] = [];
    const d = decoder({ picker: pickerOf(() => file), onProgress: (p) => progress.push(p) });
    await d.decode(`session=${flask}`);
    const outcome = await d.crack('file');
    expect(outcome).toMatchObject({ outcome: 'all-found', list: 'file', fileName: 'my words.txt', found: 1, overlong: 1 });
    expect(JSON.stringify(outcome)).not.toContain(path.dirname(file));
    expect(progress.at(-1)).toMatchObject({ list: 'file', bytesTotal: fs.statSync(file).size });
    expect((await d.reading()).cookies[0]!.weakKey).toEqual({ key, form: 'as written', variant: FLASK_VARIANT, position: 4 });
  });

  it('a key not in the file: the whole file is read', async () => {
    const file = wordlist(['one', 'two', 'three']);
    const d = decoder({ picker: pickerOf(() => file) });
    await d.decode(`session=${strongFlask}`);
    const outcome = await d.crack('file');
    expect(outcome).toMatchObject({ outcome: 'exhausted', found: 0, tried: 3, fileName: 'my words.txt' });
  });

  it('cancelling the dialog cracks nothing, and says so', async () => {
    const run = vi.fn(crack);
    const picker = pickerOf(() => null);
    const d = decoder({ picker, run });
    await d.decode(`session=${flaskValue}`);
    expect(await d.crack('file')).toEqual({ outcome: 'cancelled', list: 'file' });
    expect(picker.pickWordlist).toHaveBeenCalledTimes(1);
    expect(run).not.toHaveBeenCalled();
  });

  it('Stop ends a long file part way, and the file is closed', async () => {
    const file = wordlist(Array.from({ length: 400_000 }, (_, i) => `candidate-${i}`));
    let seen = 0;
    const d = decoder({
      picker: pickerOf(() => file),
      onProgress: (p) => {
        if (p.tried === 0) return;
        seen = openDescriptors(file).length;
        d.stop();
      },
    });
    await d.decode(`session=${strongFlask}`);
    const outcome = await d.crack('file');
    expect(outcome).toMatchObject({ outcome: 'stopped', list: 'file' });
    if (outcome.outcome === 'cancelled') throw new Error('not cancelled');
    expect(outcome.tried).toBeLessThan(400_000);
    // Open while it was read, closed once stopped (not left to the garbage collector).
    expect(seen).toBe(1);
    await vi.waitFor(() => expect(openDescriptors(file)).toEqual([]));
  });

  it('while the dialog is open a second crack is refused', async () => {
    let answer!: (file: string | null) => void;
    const d = decoder({ picker: { pickWordlist: () => new Promise((resolve) => (answer = resolve)) } });
    await d.decode(`session=${flaskValue}`);
    const first = d.crack('file');
    await vi.waitFor(() => expect(answer).toBeDefined());
    await expect(d.crack('built-in')).rejects.toThrow('A wordlist is being chosen: pick one in the dialog, or cancel it.');
    answer(null);
    expect(await first).toEqual({ outcome: 'cancelled', list: 'file' });
  });

  it('a file that cannot be read is a sentence with its name, never its folder', async () => {
    const dir = tempDir();
    const cases: Array<[string, string]> = [
      [path.join(dir, 'gone.txt'), 'Cannot read the wordlist gone.txt: it is not there any more.'],
      [dir, `Cannot read the wordlist ${path.basename(dir)}: it is a folder, not a wordlist.`],
      ['-', 'The wordlist must be a file.'],
    ];
    for (const [file, sentence] of cases) {
      const d = decoder({ picker: pickerOf(() => file) });
      await d.decode(`session=${flaskValue}`);
      const refusal = d.crack('file');
      await expect(refusal).rejects.toThrow(new DecoderError(sentence));
    }
  });

  it('a file with no line breaks in its first MiB is no wordlist: the engine says so', async () => {
    const file = path.join(tempDir(), 'blob.bin');
    fs.writeFileSync(file, Buffer.alloc(2 * 1024 * 1024, 0x41));
    const d = decoder({ picker: pickerOf(() => file) });
    await d.decode(`session=${flaskValue}`);
    await expect(d.crack('file')).rejects.toThrow('The wordlist has a line longer than 1 MiB: that is not a wordlist (a device or a binary file?).');
  });
});

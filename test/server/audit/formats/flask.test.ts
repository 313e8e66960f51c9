// Flask and itsdangerous cookies made by the real Flask 2.2 / itsdangerous 2.1
// (Debian's python3 packages): decode, verify, crack, and sign byte for byte.
import { describe, expect, it } from 'vitest';
import { examine, resign, signNew, verifyTarget } from '../../../../server/audit/session-auditor';
import { isUtf8 } from '../../../../server/audit/text/escape';
import { builtInCandidates } from '../../../../server/audit/wordlist';
import { crack, jsonOf, text } from '../../../support/audit-crack';
import { flaskPeer } from '../../../support/framework-peers';
import { strongKey } from '../../../support/test-keys';

const now = () => Math.floor(Date.now() / 1000);
const bytes = (s: string) => Buffer.from(s);
const payload = { username: 'alice', visits: 3, ratio: 1.5, naïve: 'ünïcode ☃', list: [1, 2, { z: null, a: true }] };

function flaskCookie(secret: string, data: unknown = payload, at = now()): string {
  return flaskPeer({ op: 'flask-sign', secret, payload: data, now: at }).cookie as string;
}

function only(input: string, format?: 'itsdangerous', options?: Record<string, unknown>) {
  const [cookie, ...rest] = examine(input, { ...(format ? { format } : {}), ...(options ? { options } : {}) });
  expect(rest).toEqual([]);
  return cookie!;
}

describe('Flask session cookies', () => {
  it('decode: detected as Flask, payload, signing time and signature parameters shown', () => {
    const at = now();
    const small = { username: 'alice', visits: 3 };
    const c = only(`session=${flaskCookie(strongKey(), small, at)}`);
    expect(c.target?.format).toBe('flask');
    expect(c.decoded?.payload.kind).toBe('json');
    expect(jsonOf(c.decoded!.payload)).toEqual(small);
    expect(c.decoded!.facts).toEqual([
      { label: 'signed at', value: expect.stringContaining(`(${at})`) },
      { label: 'compressed', value: 'no' },
      { label: 'signature', value: 'HMAC-SHA1, key derivation hmac, salt "cookie-session"' },
    ]);
  });

  it('decode: a large session is zlib-compressed behind a leading "."', () => {
    const big = { items: Array.from({ length: 60 }, () => 'the same words again') };
    const cookie = flaskCookie(strongKey(), big);
    expect(cookie.startsWith('.')).toBe(true);
    const c = only(cookie);
    expect(c.decoded!.facts[1]).toEqual({ label: 'compressed', value: 'yes (zlib, marked by the leading ".")' });
    expect(jsonOf(c.decoded!.payload)).toEqual(big);
  });

  it('verify: the right key holds, a wrong one does not', () => {
    const key = strongKey();
    const c = only(flaskCookie(key));
    expect(verifyTarget(c.target!, bytes(key))).toMatchObject({ valid: true });
    expect(verifyTarget(c.target!, bytes(strongKey()))).toMatchObject({ valid: false });
  });

  it('crack: a key from the Flask-Unsign list is found, text and binary (\\x) alike', async () => {
    const list = builtInCandidates();
    const textKey = '763bc897c7ab402b870ad33a7cd59062';
    expect(list.some((c) => Buffer.from(c).equals(bytes(textKey)))).toBe(true);
    // os.urandom() bytes from a Python 2 repr: each \xNN is one byte.
    const binary = list.find((c) => c.length >= 16 && !isUtf8(c))!;
    const a = only(flaskCookie(textKey)).target!;
    const b = only(flaskPeer({ op: 'flask-sign', secret_hex: Buffer.from(binary).toString('hex'), payload, now: now() }).cookie as string).target!;
    const report = await crack([a, b]);
    expect(report.outcome).toBe('all-found');
    expect(text(report.found[0]?.candidate)).toBe(textKey);
    expect(Buffer.from(report.found[1]!.key).equals(Buffer.from(binary))).toBe(true);
  });

  it('sign: byte for byte what Flask writes at the same second, and Flask reads it back', () => {
    const key = strongKey();
    const at = now();
    const data = { username: 'alice', visits: 3, ratio: 1.5, b: [true, null] };
    const ours = signNew('flask', { name: 'session', payload: JSON.stringify(data), secret: bytes(key), now: at }).cookies[0]!;
    expect(ours).toEqual({ name: 'session', value: flaskCookie(key, data, at) });
    expect(flaskPeer({ op: 'flask-read', secret: key, cookie: ours.value }).session).toEqual(data);
  });

  it('sign: compresses when Flask would, and Flask reads the compressed cookie', () => {
    // zlib versions choose different (equally valid) encodings, so the bytes may differ from Python's.
    const key = strongKey();
    const ours = signNew('flask', { name: 'session', payload: JSON.stringify(payload), secret: bytes(key), now: now() }).cookies[0]!;
    expect(ours.value.startsWith('.')).toBe(flaskCookie(key).startsWith('.'));
    expect(flaskPeer({ op: 'flask-read', secret: key, cookie: ours.value }).session).toEqual(payload);
  });

  it('--resign: a forged payload under a cracked key, with a fresh timestamp, is accepted by Flask', () => {
    const key = strongKey();
    const c = only(flaskCookie(key, { username: 'alice' }, now() - 3600));
    const forged = resign(c.target!, bytes(key), '{"username":"admin"}').cookies[0]!;
    expect(flaskPeer({ op: 'flask-read', secret: key, cookie: forged.value }).session).toEqual({ username: 'admin' });
    const again = only(forged.value);
    expect(again.decoded!.facts[0]!.value).toContain(`(${now()}`.slice(0, 8));
  });

  it('itsdangerous before 1.1: the 2011 epoch is recognised and kept when re-signing', () => {
    const key = strongKey();
    const cookie = flaskPeer({ op: 'its-sign', legacy: true, secret: key, salt: 'cookie-session', derivation: 'hmac', payload }).cookie as string;
    const c = only(cookie);
    expect(c.decoded!.facts[0]!.value).toMatch(/^\d{4}-\d\d-\d\d .* UTC \(\d+\), itsdangerous < 1.1 epoch \(2011-01-01\)$/);
    expect(c.decoded!.facts[0]!.value.slice(0, 4)).toBe(String(new Date().getUTCFullYear()));
    expect(verifyTarget(c.target!, bytes(key))).toMatchObject({ valid: true });
    const re = resign(c.target!, bytes(key)).cookies[0]!;
    expect(flaskPeer({ op: 'its-read', legacy: true, secret: key, salt: 'cookie-session', derivation: 'hmac', cookie: re.value }).value).toEqual(payload);
  });

  it('generic itsdangerous: --salt, key derivation and digest, as URLSafeTimedSerializer makes them', () => {
    const key = strongKey();
    const options = { salt: 'email-confirm', keyDerivation: 'django-concat', digest: 'sha256' } as const;
    const theirs = flaskPeer({ op: 'its-sign', secret: key, salt: options.salt, derivation: options.keyDerivation, digest: 'sha256', payload: { id: 7 } })
      .cookie as string;
    const c = only(theirs, 'itsdangerous', options);
    expect(c.target?.format).toBe('itsdangerous');
    expect(verifyTarget(c.target!, bytes(key))).toMatchObject({ valid: true });
    expect(verifyTarget({ ...c.target!, options: { ...options, salt: 'other' } }, bytes(key))).toMatchObject({ valid: false });
    const ours = signNew('itsdangerous', { name: null, payload: '{"id":7}', secret: bytes(key), options, now: now() }).cookies[0]!.value;
    expect(flaskPeer({ op: 'its-read', secret: key, salt: options.salt, derivation: options.keyDerivation, digest: 'sha256', cookie: ours }).value).toEqual({
      id: 7,
    });
  });
});

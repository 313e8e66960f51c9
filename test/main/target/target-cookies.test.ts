import { describe, expect, it } from 'vitest';
import type { FoundKey } from '../../../main/audit/cookie-views';
import { crackTargets, pageUrlOf, readCookies, readJar } from '../../../main/target/target-cookies';
import * as engine from '../../../server/audit/engine';
import { signNew } from '../../../server/audit/session-auditor';
import { cookieRow } from '../../support/cookie-row';
import { flaskPeer } from '../../support/framework-peers';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const row = cookieRow;

// A session cookie the real Flask set, with the tutorial's key.
const flaskValue = String(flaskPeer({ op: 'flask-sign', secret: 'your_very_secret_key', payload: { username: 'alice' } }).cookie);
const sid = 'VxQf1m2kq8dFvVwQ1mC3n3b8e5yEw0aA';
// As express-session sets it: URL-encoded, and so the jar keeps it.
const expressValue = signNew('express-session', { name: 'connect.sid', payload: sid, secret: bytes('keyboard cat') }).cookies[0]!.value;
const pair = signNew('cookie-session', { name: 'sess', payload: '{"user":"bob"}', secret: bytes('s3cr3t'), options: { digest: 'sha1' } }).cookies;
const jar = [
  row('session', flaskValue),
  row('connect.sid', expressValue, { domain: 'localhost' }),
  row('sess', pair[0]!.value, { domain: 'app.test' }),
  row('sess.sig', pair[1]!.value, { domain: 'app.test' }),
  row('theme', 'dark'),
];
const read = readCookies(engine, jar);
const NOW = Date.UTC(2026, 11, 1) / 1000;
const jarWith = (typedKey: Uint8Array | null = null, found: FoundKey[] = [], visited: string[] = []) =>
  readJar(engine, read, { typedKey, found, visited, now: NOW });
const view = (name: string, key: Uint8Array | null = null, found: FoundKey[] = []) => jarWith(key, found).cookies.find((c) => c.cookie.name === name)!;
const findingsOf = (name: string, found: FoundKey[] = [], visited: string[] = []) => {
  const jar = jarWith(null, found, visited);
  return jar.cookies.find((c) => c.cookie.name === name)!.findings.map((i) => jar.findings[i]!.rule);
};
const tutorialKey: FoundKey = { candidate: bytes('your_very_secret_key'), form: 'raw', key: bytes('your_very_secret_key'), variant: 'HMAC-SHA1', position: 1 };

describe('the Your app jar, read by the engine', () => {
  it('a Flask cookie is detected and decoded: the payload anyone can read', () => {
    const flask = view('session');
    expect(flask.decoded).toMatchObject({
      format: 'flask',
      title: 'Flask session (itsdangerous URLSafeTimedSerializer)',
      payload: { kind: 'json', text: '{\n  "username": "alice"\n}' },
    });
    expect(flask.decoded?.notes).toContain('The payload is only signed, not encrypted: anyone holding the cookie can read it.');
  });

  it('an express-session cookie (URL-encoded in the jar) says the data is on the server', () => {
    const express = view('connect.sid');
    expect(express.decoded?.format).toBe('express-session');
    expect(express.decoded?.payload.kind).toBe('hidden');
    expect(express.decoded?.payload.text).toMatch(/server/);
    expect(express.decoded?.facts.map((f) => f.value)).toContain(sid);
  });

  it("cookie-session's .sig is read with its cookie, not alone", () => {
    expect(view('sess')).toMatchObject({ signatureCookie: 'sess.sig', signatureOf: null, decoded: { format: 'cookie-session' } });
    expect(view('sess.sig')).toMatchObject({ signatureOf: 'sess', decoded: null, verdict: { state: 'no-key' } });
  });

  it('a cookie no format reads is shown as such', () => {
    expect(view('theme')).toMatchObject({ decoded: null, verdict: { state: 'no-key' }, weakKey: null });
    expect(view('theme', bytes('anything')).verdict).toEqual({
      state: 'unverifiable',
      reason: 'No session format the auditor knows reads this cookie, so there is no signature to check.',
    });
  });

  it('with the right key the signature is valid, with a wrong one it is not', () => {
    expect(view('session', bytes('your_very_secret_key')).verdict).toMatchObject({ state: 'valid' });
    expect(view('session', bytes('another key')).verdict).toMatchObject({ state: 'invalid' });
    expect(view('connect.sid', bytes('keyboard cat')).verdict).toMatchObject({ state: 'valid' });
    expect(view('sess', bytes('s3cr3t')).verdict).toMatchObject({ state: 'valid' });
  });

  it('no view holds the key it was checked with', () => {
    const all = JSON.stringify(jarWith(bytes('your_very_secret_key')));
    expect(all).not.toContain('your_very_secret_key');
  });

  it('a key the crack found marks every cookie it signs, and no other', () => {
    // With the variant that signs this cookie, whichever cookie the crack found the key on.
    expect(view('session', null, [tutorialKey]).weakKey).toEqual({
      key: 'your_very_secret_key',
      form: 'as written',
      variant: 'Flask HMAC-SHA1, hmac key derivation, salt "cookie-session"',
      position: 1,
    });
    expect(view('connect.sid', null, [tutorialKey]).weakKey).toBeNull();
  });

  it('the crack is given every signed cookie a format reads', () => {
    expect(crackTargets(read).map((t) => [t.format, t.name])).toEqual([
      ['flask', 'session'],
      ['express-session', 'connect.sid'],
      ['cookie-session', 'sess'],
    ]);
  });

  it('control and direction characters from a cookie are shown escaped', () => {
    const evil = signNew('cookie-session', { name: 'x', payload: '{"user":"\\u202eevil\\u001b[2J"}', secret: bytes('k'), options: { digest: 'sha1' } }).cookies;
    const [shown] = readJar(engine, readCookies(engine, [row('x', evil[0]!.value), row('x.sig', evil[1]!.value)]), {
      typedKey: null,
      found: [],
      visited: [],
      now: NOW,
    }).cookies;
    expect(shown!.decoded!.payload.text).not.toContain('\u202e');
    expect(shown!.decoded!.payload.text).not.toContain('\u001b');
    expect(shown!.decoded!.payload.text).toContain('\\u202e');
  });

  it("each cookie is audited by the lab's rules: the Flask cookie's attributes are flagged, and the crack's key feeds the weak-key finding", () => {
    expect(findingsOf('session')).toEqual(['samesite-missing']);
    expect(findingsOf('session', [tutorialKey])).toEqual(['weak-key', 'samesite-missing']);
    // Set for an https page, the same cookie also lacks Secure and a __Host- prefix.
    expect(findingsOf('session', [], ['https://127.0.0.1'])).toEqual(expect.arrayContaining(['secure-missing', 'samesite-missing', 'prefix-missing']));
    // Each distinct finding crosses once, however many cookies share it.
    const jar = jarWith();
    expect(new Set(jar.findings.map((f) => JSON.stringify(f))).size).toBe(jar.findings.length);
    expect(jar.cookies.flatMap((c) => c.findings).every((i) => jar.findings[i] !== undefined)).toBe(true);
    expect(view('session').session).toBe('flask');
    expect(view('theme').session).toBeUndefined();
  });

  it("a cookie-session pair's .sig shares its cookie's weak key", () => {
    const sessKey: FoundKey = { candidate: bytes('s3cr3t'), form: 'raw', key: bytes('s3cr3t'), variant: 'HMAC-SHA1', position: 9 };
    expect(findingsOf('sess', [sessKey])).toContain('weak-key');
    expect(findingsOf('sess.sig', [sessKey])).toContain('weak-key');
    expect(findingsOf('sess.sig')).not.toContain('weak-key');
  });
});

describe('the page a cookie was set for', () => {
  it('is a visited origin its domain covers, https first', () => {
    expect(pageUrlOf(row('a', 'b', { domain: '.app.test', hostOnly: false }), ['http://www.app.test', 'https://api.app.test', 'https://other.test'])).toBe(
      'https://api.app.test/',
    );
    expect(pageUrlOf(row('a', 'b'), ['http://127.0.0.1:5000'])).toBe('http://127.0.0.1:5000/');
  });

  it('for a cookie from an earlier run, its own host, over https when it is Secure', () => {
    expect(pageUrlOf(row('a', 'b', { domain: 'app.test', secure: true }), [])).toBe('https://app.test/');
    expect(pageUrlOf(row('a', 'b', { domain: '.app.test', hostOnly: false }), ['http://elsewhere.test'])).toBe('http://app.test/');
  });
});

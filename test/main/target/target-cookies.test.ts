import { describe, expect, it } from 'vitest';
import type { CookieRow } from '../../../contract';
import { cookieViews, crackTargets, readCookies, type FoundKey } from '../../../main/target/target-cookies';
import * as engine from '../../../server/audit/engine';
import { signNew } from '../../../server/audit/session-auditor';
import { flaskPeer } from '../../support/framework-peers';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const row = (name: string, value: string, fields: Partial<CookieRow> = {}): CookieRow => ({
  name,
  value,
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: true,
  session: true,
  expirationDate: null,
  sameSite: 'unspecified',
  size: name.length + value.length,
  ...fields,
});

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
const view = (name: string, key: Uint8Array | null = null, found: FoundKey[] = []) => cookieViews(engine, read, key, found).find((c) => c.row.name === name)!;

describe('the Your app jar, read by the engine', () => {
  it('a Flask cookie is detected and decoded: the payload anyone can read', () => {
    const flask = view('session');
    expect(flask.decoded).toMatchObject({ format: 'flask', title: 'Flask session (itsdangerous URLSafeTimedSerializer)', payload: { kind: 'json', text: '{\n  "username": "alice"\n}' } });
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
    expect(view('theme', bytes('anything')).verdict).toEqual({ state: 'unverifiable', reason: 'No session format the auditor knows reads this cookie, so there is no signature to check.' });
  });

  it('with the right key the signature is valid, with a wrong one it is not', () => {
    expect(view('session', bytes('your_very_secret_key')).verdict).toMatchObject({ state: 'valid' });
    expect(view('session', bytes('another key')).verdict).toMatchObject({ state: 'invalid' });
    expect(view('connect.sid', bytes('keyboard cat')).verdict).toMatchObject({ state: 'valid' });
    expect(view('sess', bytes('s3cr3t')).verdict).toMatchObject({ state: 'valid' });
  });

  it('no view holds the key it was checked with', () => {
    const all = JSON.stringify(cookieViews(engine, read, bytes('your_very_secret_key'), []));
    expect(all).not.toContain('your_very_secret_key');
  });

  it('a key the crack found marks every cookie it signs, and no other', () => {
    const found: FoundKey = { candidate: bytes('your_very_secret_key'), form: 'raw', key: bytes('your_very_secret_key'), variant: 'HMAC-SHA1', position: 1 };
    expect(view('session', null, [found]).weakKey).toEqual({ key: 'your_very_secret_key', form: 'as written', variant: 'HMAC-SHA1', position: 1 });
    expect(view('connect.sid', null, [found]).weakKey).toBeNull();
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
    const [shown] = cookieViews(engine, readCookies(engine, [row('x', evil[0]!.value), row('x.sig', evil[1]!.value)]), null, []);
    expect(shown!.decoded!.payload.text).not.toContain('\u202e');
    expect(shown!.decoded!.payload.text).not.toContain('\u001b');
    expect(shown!.decoded!.payload.text).toContain('\\u202e');
  });
});

// Cracking a cookie-session secret from one cookie, against real cookie-session cookies.
import Keygrip from 'keygrip';
import { describe, expect, it } from 'vitest';
import { crackSecret, keygripSign } from '../../../server/audit/crack';
import { builtInWordlist, parseWordlist } from '../../../server/audit/wordlist';
import { findSessionPair } from '../../../server/audit/cookie-header';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';
import { strongKey } from '../../support/test-keys';

function target(secret: string, name = 'session') {
  const value = encodeSessionValue({ username: 'alice' });
  return { name, value, sig: signSessionValue(name, value, secret) };
}

describe('crackSecret', () => {
  it('signs exactly as keygrip does', () => {
    for (const key of ['keyboard cat', strongKey(), 'ünïcödé 🔑']) {
      expect(keygripSign('lab_session=eyJhIjoxfQ==', key)).toBe(new Keygrip([key]).sign('lab_session=eyJhIjoxfQ=='));
    }
  });

  it.each(['your_very_secret_key', 'another_secret_key', 'keyboard cat', 'changeme', 'password123', 'iloveyou', 'dragon'])(
    'finds the weak secret %j with the built-in wordlist',
    (secret) => {
      const result = crackSecret(target(secret), builtInWordlist());
      expect(result).toMatchObject({ found: true, secret });
    },
  );

  it('never claims a strong random secret, and says how many it tried', () => {
    const list = builtInWordlist();
    expect(crackSecret(target(strongKey()), list)).toEqual({ found: false, tried: list.length });
  });

  it('the built-in wordlist has tens of thousands of candidates, tutorial secrets first, no duplicates', () => {
    const list = builtInWordlist();
    expect(list.length).toBeGreaterThan(40_000);
    expect(list[0]).toBe('your_very_secret_key');
    expect(new Set(list).size).toBe(list.length);
  });

  it('reports progress up to the total', () => {
    const seen: number[] = [];
    crackSecret(target(strongKey()), builtInWordlist().slice(0, 12_000), { onProgress: (p) => seen.push(p.tried), progressEvery: 5000 });
    expect(seen).toEqual([5000, 10_000, 12_000]);
  });

  it('a signature for another cookie name does not crack', () => {
    const t = target('keyboard cat', 'other');
    expect(crackSecret({ ...t, name: 'session' }, ['keyboard cat']).found).toBe(false);
  });
});

describe('wordlist files and cookie headers', () => {
  it('reads one candidate per line, keeping spaces inside and around', () => {
    expect(parseWordlist('a\r\n b \n\nc\na\n')).toEqual(['a', ' b ', 'c']);
  });

  it('finds the signed pair, with or without "Cookie:" and other cookies', () => {
    expect(findSessionPair('Cookie: theme=dark; s=eyJ9; s.sig=abc')).toEqual({ name: 's', value: 'eyJ9', sig: 'abc' });
    expect(findSessionPair('only=eyJ9')).toEqual({ name: 'only', value: 'eyJ9', sig: undefined });
    expect(findSessionPair('a=1; b=2; b.sig=x', 'a')).toEqual({ name: 'a', value: '1', sig: undefined });
  });

  it.each([
    ['', /not a Cookie header/],
    ['hello', /not a Cookie header/],
    ['a=1; b=2', /Cannot tell which cookie is the session \(a, b\)/],
    ['a=1; a.sig=x; b=2; b.sig=y', /Several signed cookies \(a, b\)/],
  ])('refuses %j with a clear message', (header, message) => {
    expect(() => findSessionPair(header)).toThrow(message);
  });

  it('refuses a --name that is not in the header', () => {
    expect(() => findSessionPair('a=1', 'b')).toThrow('There is no cookie named "b" in that header (found: a).');
  });
});

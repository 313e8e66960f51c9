// Set-Cookie lines pasted into the auditor: their attributes read as a browser
// reads them, several lines at once, and the row a browser would store.
import { describe, expect, it } from 'vitest';
import { CookieInputError, parseCookieInput, type SetCookieLine } from '../../../server/audit/cookie-input';
import { setCookiePage, setCookieRow, UNKNOWN_HOST } from '../../../server/audit/set-cookie-row';

const NOW = 1_800_000_000;

const line = (fields: Partial<SetCookieLine> = {}): SetCookieLine => ({
  sentValue: 'v',
  domain: null,
  path: null,
  secure: false,
  httpOnly: false,
  sameSite: null,
  maxAge: null,
  expires: null,
  ...fields,
});

describe('a pasted Set-Cookie line', () => {
  it('gives its cookie (URL-decoded) and every attribute, case as browsers ignore it', () => {
    const [cookie, ...rest] = parseCookieInput(
      'Set-Cookie: __Host-sid=a%20b; path=/; Domain=.Example.com; SECURE; HttpOnly; SameSite=None; Max-Age=3600; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Partitioned',
    );
    expect(rest).toEqual([]);
    expect(cookie).toEqual({
      name: '__Host-sid',
      value: 'a b',
      setCookie: {
        sentValue: 'a%20b',
        domain: '.Example.com',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'none',
        maxAge: 3600,
        expires: Date.UTC(2027, 5, 9, 10, 18, 14) / 1000,
      },
    });
  });

  it('with no attributes, or ones a browser would not take, says so with nulls and falses', () => {
    expect(parseCookieInput('set-cookie: theme=dark; SameSite=sideways; Expires=someday; Max-Age=soon')[0]!.setCookie).toEqual(line({ sentValue: 'dark' }));
  });

  it('several lines, as DevTools or curl -i show a response: one cookie each, the cookie-session pair read together with the cookie’s attributes', () => {
    const cookies = parseCookieInput(
      'Set-Cookie: lab_session=eyJhIjoxfQ==; path=/; httponly; samesite=lax\r\nSet-Cookie: lab_session.sig=abc_-; path=/; httponly\r\n\r\nset-cookie: theme=dark; Path=/lab',
    );
    expect(cookies.map((c) => [c.name, c.value, c.signature, c.setCookie?.path, c.setCookie?.sameSite])).toEqual([
      ['lab_session', 'eyJhIjoxfQ==', 'abc_-', '/', 'lax'],
      ['theme', 'dark', undefined, '/lab', null],
    ]);
  });

  it('a line that does not start with name=value is refused with a sentence naming it', () => {
    expect(() => parseCookieInput('Set-Cookie: HttpOnly; Path=/')).toThrow(new CookieInputError('The Set-Cookie line does not start with name=value.'));
    expect(() => parseCookieInput('Set-Cookie: a=1\nSet-Cookie: =2; Path=/')).toThrow(
      new CookieInputError('Set-Cookie line 2 does not start with name=value.'),
    );
  });

  it('a Cookie header, or lines that are not all Set-Cookie, carry no attributes', () => {
    expect(parseCookieInput('Cookie: a=1; b=2').map((c) => c.setCookie)).toEqual([undefined, undefined]);
    expect(parseCookieInput('a=1; b=2').map((c) => c.setCookie)).toEqual([undefined, undefined]);
  });
});

describe('the row a browser would store from a Set-Cookie line', () => {
  it('keeps a Domain lower-cased with its dot, and counts name and value as sent', () => {
    expect(setCookieRow('sid', line({ sentValue: 'a%20b', domain: 'Example.COM', path: '/app', secure: true, httpOnly: true, sameSite: 'none' }), NOW)).toEqual(
      {
        name: 'sid',
        value: 'a%20b',
        domain: '.example.com',
        hostOnly: false,
        path: '/app',
        secure: true,
        httpOnly: true,
        session: true,
        expirationDate: null,
        sameSite: 'no_restriction',
        size: 8,
      },
    );
  });

  it('without Domain it is host-only; without Path, the root; Max-Age wins over Expires', () => {
    const row = setCookieRow('s', line({ maxAge: 60, expires: NOW + 999_999, sameSite: 'strict' }), NOW);
    expect(row).toMatchObject({ domain: '', hostOnly: true, path: '/', session: false, expirationDate: NOW + 60, sameSite: 'strict' });
    expect(setCookieRow('s', line({ expires: NOW + 5 }), NOW)).toMatchObject({ expirationDate: NOW + 5, session: false, sameSite: 'unspecified' });
  });

  it('is judged as sent over https, on its Domain’s host or, host-only, on a reserved name', () => {
    expect(setCookiePage(setCookieRow('s', line({ domain: '.example.com' }), NOW))).toBe('https://example.com/');
    expect(setCookiePage(setCookieRow('s', line(), NOW))).toBe(`https://${UNKNOWN_HOST}/`);
    expect(setCookiePage(setCookieRow('s', line({ domain: 'bad host[' }), NOW))).toBe(`https://${UNKNOWN_HOST}/`);
  });
});

import { describe, expect, it } from 'vitest';
import type { Cookie } from 'electron';
import { cookieBytes, cookieMatchesHost, cookieUrl, setValueDetails, sortRows, toCookieRow } from '../../../main/jar/cookie-rows';

// What Electron reports for the cookies the lab server sets after "Log in as ada".
const sessionCookie: Cookie = {
  name: 'lab_session',
  value: 'eyJ1c2VybmFtZSI6ImFkYSJ9',
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: true,
  session: false,
  expirationDate: 1_790_000_000.5,
  sameSite: 'lax',
};
const pageCookie: Cookie = {
  name: 'theme',
  value: 'dark',
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/lab',
  secure: false,
  httpOnly: false,
  session: true,
  sameSite: 'unspecified',
};

describe('jar rows', () => {
  it('a persistent HttpOnly cookie keeps every attribute and its expiry', () => {
    expect(toCookieRow(sessionCookie)).toEqual({
      name: 'lab_session',
      value: 'eyJ1c2VybmFtZSI6ImFkYSJ9',
      domain: '127.0.0.1',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: true,
      session: false,
      expirationDate: 1_790_000_000.5,
      sameSite: 'lax',
      size: 'lab_session'.length + 'eyJ1c2VybmFtZSI6ImFkYSJ9'.length,
    });
  });

  it('a browser-session cookie has no expiry date', () => {
    const row = toCookieRow(pageCookie);
    expect(row.session).toBe(true);
    expect(row.expirationDate).toBeNull();
    expect(row.httpOnly).toBe(false);
    expect(row.path).toBe('/lab');
  });

  it('a cookie without the session flag but with an expiry is persistent', () => {
    const noFlag: Cookie = { ...sessionCookie };
    delete noFlag.session;
    expect(toCookieRow(noFlag)).toMatchObject({ session: false, expirationDate: 1_790_000_000.5 });
  });

  it('missing flags read as false and a missing path as the root', () => {
    const row = toCookieRow({ name: 'a', value: 'b', sameSite: 'strict' });
    expect(row).toMatchObject({ domain: '', hostOnly: false, path: '/', secure: false, httpOnly: false, session: true, sameSite: 'strict' });
  });

  it('size counts UTF-8 bytes of name and value, not characters', () => {
    expect(cookieBytes('n', 'é€')).toBe(1 + 2 + 3);
    expect(toCookieRow({ ...pageCookie, value: '€' }).size).toBe('theme'.length + 3);
  });

  it('rows sort by name, the most specific path first', () => {
    const rows = [toCookieRow(pageCookie), toCookieRow(sessionCookie), toCookieRow({ ...pageCookie, path: '/' })];
    expect(sortRows(rows).map((r) => `${r.name}${r.path}`)).toEqual(['lab_session/', 'theme/lab', 'theme/']);
  });
});

describe('which cookies belong to the server', () => {
  it('a host-only cookie matches its host exactly', () => {
    expect(cookieMatchesHost({ domain: '127.0.0.1', hostOnly: true }, '127.0.0.1')).toBe(true);
    expect(cookieMatchesHost({ domain: '127.0.0.2', hostOnly: true }, '127.0.0.1')).toBe(false);
    expect(cookieMatchesHost({ domain: 'example.com', hostOnly: true }, 'www.example.com')).toBe(false);
  });

  it('a domain cookie also matches subdomains, but not look-alike hosts', () => {
    expect(cookieMatchesHost({ domain: '.example.com', hostOnly: false }, 'www.example.com')).toBe(true);
    expect(cookieMatchesHost({ domain: '.example.com', hostOnly: false }, 'badexample.com')).toBe(false);
  });

  it('a cookie without a domain matches nothing', () => {
    expect(cookieMatchesHost({}, '127.0.0.1')).toBe(false);
  });
});

describe('writing a new value into a cookie', () => {
  const origin = 'http://127.0.0.1:41234';

  it('keeps path, HttpOnly, SameSite and expiry, and stays host-only', () => {
    expect(setValueDetails(origin, toCookieRow(sessionCookie), 'forged')).toEqual({
      url: 'http://127.0.0.1:41234/',
      name: 'lab_session',
      value: 'forged',
      path: '/',
      secure: false,
      httpOnly: true,
      sameSite: 'lax',
      expirationDate: 1_790_000_000.5,
    });
  });

  it('a session cookie stays a session cookie (no expiry is sent)', () => {
    const details = setValueDetails(origin, toCookieRow(pageCookie), 'light');
    expect(details).not.toHaveProperty('expirationDate');
    expect(details.url).toBe('http://127.0.0.1:41234/lab');
  });

  it('a domain cookie keeps its domain', () => {
    const row = toCookieRow({ ...pageCookie, domain: '.example.com', hostOnly: false });
    expect(setValueDetails('https://www.example.com', row, 'x').domain).toBe('.example.com');
  });

  it('the cookie URL is the origin plus the cookie path', () => {
    expect(cookieUrl(origin, { path: '/lab' })).toBe('http://127.0.0.1:41234/lab');
  });
});

import { describe, expect, it } from 'vitest';
import type { CookieRow } from '../../contract';
import { bytesText, cookieBudget, sentCookieBytes, setCookieBytes } from '../../renderer/cookie-budget';
import { cookieRow } from '../support/cookie-row';

const row = (name: string, value: string): CookieRow => cookieRow(name, value, { session: false, expirationDate: 0, sameSite: 'lax', size: 0 });

describe('the cookie budget', () => {
  it('counts name + value bytes per cookie (the .sig too) and the Cookie header the origin sends', () => {
    const budget = cookieBudget([row('lab_session', 'x'.repeat(4085)), row('lab_session.sig', 's'.repeat(27))]);
    expect(budget.cookies).toEqual([
      { name: 'lab_session', bytes: 4096, share: 1 },
      { name: 'lab_session.sig', bytes: 42, share: 42 / 4096 },
    ]);
    // "lab_session=<4085>; lab_session.sig=<27>"
    expect(budget.headerBytes).toBe(12 + 4085 + 2 + 16 + 27);
    expect(budget.largest?.name).toBe('lab_session');
  });

  it('counts bytes, not characters', () => {
    expect(cookieBudget([row('n', 'é')]).cookies[0]?.bytes).toBe(3);
  });

  it('an empty jar costs nothing', () => {
    expect(cookieBudget([])).toEqual({ cookies: [], headerBytes: 0, largest: null });
  });

  it('reads one cookie’s size from Set-Cookie lines and from a Cookie header', () => {
    const lines = ['lab_session.sig=abc; path=/', 'lab_session=eyJ9; path=/; httponly'];
    expect(setCookieBytes(lines, 'lab_session')).toBe(15);
    expect(setCookieBytes(lines, 'lab_session.sig')).toBe(18);
    expect(setCookieBytes(lines, 'other')).toBeNull();
    expect(sentCookieBytes('lab_session=eyJ9; lab_session.sig=abc', 'lab_session')).toBe(15);
    expect(sentCookieBytes('lab_session.sig=abc', 'lab_session')).toBeNull();
    expect(sentCookieBytes(null, 'lab_session')).toBeNull();
  });

  it('says bytes with thousands separators', () => {
    expect(bytesText(4068)).toBe('4,068 bytes');
  });
});

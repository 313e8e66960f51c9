// The lab's own jar audited in main: cookie-session pairs decoded, the crack's
// result read for the weak-key rule, every row's findings worked out by the audit.
import { describe, expect, it, vi } from 'vitest';
import type { CookieRow } from '../../../contract';
import { auditJar } from '../../../main/jar/jar-audit';
import { encodeSessionValue, signSessionValue } from '../../../server/index';
import { cookieRow } from '../../support/cookie-row';
import { strongKey } from '../../support/test-keys';

const PAGE = 'http://127.0.0.1:41234';
const NOW = 1_800_000_000;

/** As the lab's server sets its cookies: persistent for a week, SameSite=Lax. */
const row = (name: string, value: string, extra: Partial<CookieRow> = {}): CookieRow =>
  cookieRow(name, value, { session: false, expirationDate: NOW + 7 * 86_400, sameSite: 'lax', ...extra });

function pair(payload: Record<string, unknown>, key = strongKey(), extra: Partial<CookieRow> = {}): CookieRow[] {
  const value = encodeSessionValue(payload);
  return [row('lab_session', value, extra), row('lab_session.sig', signSessionValue('lab_session', value, key), extra)];
}

const never = () => false;
const rulesOf = (audited: ReturnType<typeof auditJar>) =>
  Object.fromEntries(audited.map(({ cookie, audit }) => [cookie.name, audit.findings.map((f) => f.rule)]));

describe('the lab jar’s audit', () => {
  it('the lab’s own pair, as the server sets it on plain http, has no finding; both halves look like a session', () => {
    const audited = auditJar([...pair({ username: 'alice' }), row('theme', 'dark', { httpOnly: false })], {
      pageUrl: PAGE,
      signedWithCrackedKey: never,
      now: () => NOW,
    });
    expect(audited.map((a) => [a.cookie.name, a.audit.sessionLike, a.audit.framework, a.audit.findings])).toEqual([
      ['lab_session', true, 'cookie-session', []],
      ['lab_session.sig', true, 'cookie-session', []],
      ['theme', false, null, []],
    ]);
  });

  it('reads the session’s payload for sensitive data; the .sig half holds none', () => {
    const audited = auditJar(pair({ username: 'alice', password: 'hunter2' }), { pageUrl: PAGE, signedWithCrackedKey: never, now: () => NOW });
    expect(rulesOf(audited)).toEqual({ lab_session: ['sensitive-data'], 'lab_session.sig': [] });
    expect(audited[0]!.audit.findings[0]!.why).toContain('"password"');
  });

  it('asks whether the cracked key signs the pair, and flags both halves when it does', () => {
    const weak = 'your_very_secret_key';
    const cookies = pair({ username: 'bob' }, weak);
    const signedWithCrackedKey = vi.fn((name: string, value: string, sig: string) => signSessionValue(name, value, weak) === sig);
    expect(rulesOf(auditJar(cookies, { pageUrl: PAGE, signedWithCrackedKey, now: () => NOW }))).toEqual({
      lab_session: ['weak-key'],
      'lab_session.sig': ['weak-key'],
    });
    expect(signedWithCrackedKey).toHaveBeenCalledWith('lab_session', cookies[0]!.value, cookies[1]!.value);
  });

  it('a base64 JSON value without a .sig partner is no signed session: its payload is not judged', () => {
    const prefs = row('prefs', encodeSessionValue({ password: 'x' }), { httpOnly: false });
    expect(rulesOf(auditJar([prefs], { pageUrl: PAGE, signedWithCrackedKey: never, now: () => NOW }))).toEqual({ prefs: [] });
  });

  it('pairs only cookies of the same domain and path, and survives a value that does not decode', () => {
    const [session, sig] = pair({ password: 'x' });
    const elsewhere = { ...sig!, path: '/other' };
    expect(rulesOf(auditJar([session!, elsewhere], { pageUrl: PAGE, signedWithCrackedKey: never, now: () => NOW }))).toEqual({
      lab_session: [],
      'lab_session.sig': [],
    });
    const tampered = row('lab_session', 'not base64!', { httpOnly: false });
    const audited = auditJar([tampered, sig!], { pageUrl: PAGE, signedWithCrackedKey: never, now: () => NOW });
    expect(audited[0]!.audit).toMatchObject({
      sessionLike: true,
      findings: [expect.objectContaining({ rule: 'httponly-missing', fix: 'Pass httpOnly: true to cookieSession() (its default).' })],
    });
  });

  it('judges Secure and the prefixes by the page’s scheme', () => {
    const audited = auditJar(pair({ username: 'alice' }), { pageUrl: 'https://lab.example.com', signedWithCrackedKey: never, now: () => NOW });
    expect(rulesOf(audited)).toEqual({ lab_session: ['secure-missing', 'prefix-missing'], 'lab_session.sig': ['secure-missing'] });
  });
});

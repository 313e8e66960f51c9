// The cookie audit, rule by rule: each flags what it should, stays quiet where it
// should not, and names the framework's own setting in its fix.
import { describe, expect, it } from 'vitest';
import type { CookieFinding, CookieRow } from '../../../contract';
import { auditCookie, CookieAuditError, type DecodedCookie } from '../../../server/index';
import { SIZE_FINDING_BYTES } from '../../../server/audit/cookie-findings';
import { cookieRow } from '../../support/cookie-row';

const NOW = 1_800_000_000;
const DAY = 24 * 60 * 60;
const HTTPS = 'https://app.example.com/account';
const HTTP = 'http://app.example.com/';

/** A cookie with nothing wrong on https, but no prefix; each test spoils one thing. */
const row = (extra: Partial<CookieRow> = {}): CookieRow =>
  cookieRow(extra.name ?? 'theme', extra.value ?? 'dark', { domain: 'app.example.com', secure: true, sameSite: 'lax', ...extra });

const audit = (cookie: CookieRow, pageUrl = HTTPS, decoded?: DecodedCookie) => auditCookie({ cookie, pageUrl, decoded: decoded ?? null, now: NOW });
const rules = (cookie: CookieRow, pageUrl = HTTPS, decoded?: DecodedCookie) => audit(cookie, pageUrl, decoded).findings.map((f) => f.rule);
const finding = (rule: CookieFinding['rule'], cookie: CookieRow, pageUrl = HTTPS, decoded?: DecodedCookie): CookieFinding => {
  const found = audit(cookie, pageUrl, decoded).findings.find((f) => f.rule === rule);
  if (found === undefined) throw new Error(`No ${rule} finding for ${cookie.name}.`);
  return found;
};
const flask = (payload: unknown = { user_id: 1 }, weakKeyFound = false): DecodedCookie => ({ format: 'flask', payload, weakKeyFound });

describe('the cookie audit', () => {
  it('a __Host- session cookie with every attribute right has no finding', () => {
    expect(audit(row({ name: '__Host-session' }))).toEqual({ sessionLike: true, framework: null, findings: [] });
    expect(audit(row())).toEqual({ sessionLike: false, framework: null, findings: [] });
  });

  it('every finding says what, why, what to change and where the rule comes from', () => {
    const { findings } = audit(row({ name: 'sessionid', secure: false, httpOnly: false, sameSite: 'unspecified' }));
    expect(findings.length).toBeGreaterThan(2);
    for (const f of findings) {
      expect(f.title).not.toBe('');
      expect(f.why.length).toBeGreaterThan(40);
      expect(f.fix).toMatch(/\.$/);
      expect(f.reference).not.toBe('');
    }
  });

  it('lists the findings worst first', () => {
    const { findings } = audit(
      row({ name: 'session', secure: false, httpOnly: false, sameSite: 'unspecified', size: 3500 }),
      HTTPS,
      flask({ password: 'x' }, true),
    );
    expect(findings.map((f) => f.severity)).toEqual(
      [...findings.map((f) => f.severity)].sort((a, b) => ['high', 'medium', 'low', 'info'].indexOf(a) - ['high', 'medium', 'low', 'info'].indexOf(b)),
    );
    expect(findings.slice(0, 2).map((f) => f.rule)).toEqual(['weak-key', 'sensitive-data']);
  });

  it('refuses a page address that is no URL, saying what it wanted', () => {
    expect(() => audit(row(), 'app.example.com')).toThrow(CookieAuditError);
    expect(() => audit(row(), 'app.example.com')).toThrow('The page a cookie was set for must be a URL, like https://app.example.com/, not "app.example.com".');
  });
});

describe('what looks like a session', () => {
  it.each([
    ['session', null],
    ['sessionid', 'django'],
    ['connect.sid', 'express-session'],
    ['PHPSESSID', 'php'],
    ['JSESSIONID', 'java'],
    ['laravel_session', 'laravel'],
    ['ASP.NET_SessionId', 'aspnet'],
    ['lab_session', 'cookie-session'],
    ['lab_session.sig', 'cookie-session'],
    ['_shop_session', 'rails'],
    ['_my-app_session', 'rails'],
    ['my_app_session', null],
    ['__Host-sessionid', 'django'],
    ['__Secure-connect.sid', 'express-session'],
  ])('%s, by its name (%s)', (name, framework) => {
    expect(audit(row({ name }))).toMatchObject({ sessionLike: true, framework });
  });

  it.each(['theme', 'csrftoken', '_ga', 'sessionless', 'theme.sig', 'session_', 'my session'])('not %s', (name) => {
    expect(audit(row({ name })).sessionLike).toBe(false);
  });

  it('any name whose value the auditor read as a signed session; the format names the framework', () => {
    expect(audit(row({ name: 'auth' }), HTTPS, { format: 'jwt', payload: { sub: '1' }, weakKeyFound: false })).toMatchObject({
      sessionLike: true,
      framework: null,
    });
    expect(audit(row({ name: 'session' }), HTTPS, flask())).toMatchObject({ sessionLike: true, framework: 'flask' });
    expect(audit(row({ name: 'x' }), HTTPS, { format: 'django', payload: {}, weakKeyFound: false })).toMatchObject({ framework: 'django' });
  });
});

describe('HttpOnly missing (ZAP 10010)', () => {
  it('flags a session cookie that scripts can read', () => {
    const f = finding('httponly-missing', row({ name: 'connect.sid', httpOnly: false }));
    expect(f).toMatchObject({ severity: 'medium', reference: 'ZAP 10010 (CWE-1004)' });
    expect(f.why).toContain('document.cookie');
    expect(f.fix).toBe('Set cookie: { httpOnly: true } in the session options (its default).');
  });

  it('also on plain http, and for a value that decodes as a session whatever its name', () => {
    expect(rules(row({ name: 'sessionid', httpOnly: false }), HTTP)).toContain('httponly-missing');
    expect(finding('httponly-missing', row({ name: 'remember', httpOnly: false }), HTTPS, flask()).fix).toBe(
      'Set SESSION_COOKIE_HTTPONLY = True (its default: something turned it off).',
    );
  });

  it('leaves alone a cookie that is not a session, and a session cookie that is HttpOnly', () => {
    expect(rules(row({ name: 'theme', httpOnly: false }))).not.toContain('httponly-missing');
    expect(rules(row({ name: 'sessionid' }))).not.toContain('httponly-missing');
  });
});

describe('Secure missing on https (ZAP 10011)', () => {
  it('flags any cookie without Secure on an https page: a session more severely', () => {
    expect(finding('secure-missing', row({ name: 'session', secure: false }))).toMatchObject({ severity: 'medium', reference: 'ZAP 10011 (CWE-614)' });
    expect(finding('secure-missing', row({ name: 'theme', secure: false }))).toMatchObject({ severity: 'low' });
  });

  it('not on a plain-http page (there is nothing to keep it off), nor when it is Secure', () => {
    expect(rules(row({ name: 'session', secure: false }), HTTP)).not.toContain('secure-missing');
    expect(rules(row({ name: 'session', secure: false }), 'http://localhost:5000/')).not.toContain('secure-missing');
    expect(rules(row({ name: 'session' }))).not.toContain('secure-missing');
  });

  it.each([
    ['session', flask(), 'Set SESSION_COOKIE_SECURE = True.'],
    ['sessionid', undefined, 'Set SESSION_COOKIE_SECURE = True in settings.py.'],
    ['connect.sid', undefined, "Set cookie: { secure: true } in the session options (behind a proxy, also app.set('trust proxy', 1))."],
    ['lab_session', undefined, 'Pass secure: true to cookieSession().'],
    ['_shop_session', undefined, 'Add secure: true to config.session_store (config.force_ssl = true also marks cookies Secure).'],
    ['laravel_session', undefined, "Set 'secure' => true in config/session.php (SESSION_SECURE_COOKIE=true in .env)."],
    ['PHPSESSID', undefined, 'Set session.cookie_secure = 1 in php.ini (or secure => true in session_set_cookie_params()).'],
    ['theme', undefined, 'Add the Secure attribute where the app sets this cookie.'],
  ])('names the setting for %s', (name, decoded, fix) => {
    expect(finding('secure-missing', row({ name, secure: false }), HTTPS, decoded).fix).toBe(fix);
  });
});

describe('SameSite (ZAP 10054)', () => {
  it('flags a cookie without SameSite, on http too', () => {
    expect(finding('samesite-missing', row({ name: 'sessionid', sameSite: 'unspecified' }), HTTP)).toMatchObject({
      severity: 'low',
      fix: "Set SESSION_COOKIE_SAMESITE = 'Lax' in settings.py (its default).",
    });
    expect(finding('samesite-missing', row({ name: 'theme', sameSite: 'unspecified' }))).toMatchObject({ severity: 'info' });
  });

  it('flags SameSite=None without Secure, for any cookie', () => {
    const f = finding('samesite-none-insecure', row({ name: 'theme', sameSite: 'no_restriction', secure: false }), HTTP);
    expect(f.why).toMatch(/refuse/);
    expect(f.fix).toMatch(/^Add SameSite=Lax/);
    expect(rules(row({ name: 'session', sameSite: 'no_restriction', secure: false }), HTTP)).toEqual(['samesite-none-insecure']);
  });

  it('notes SameSite=None with Secure on a session cookie only', () => {
    expect(finding('samesite-none', row({ name: 'session', sameSite: 'no_restriction' }), HTTPS, flask()).fix).toBe(
      "Set SESSION_COOKIE_SAMESITE = 'Lax'. Keep None only if the app is embedded in, or called from, another site.",
    );
    expect(rules(row({ name: 'theme', sameSite: 'no_restriction' }))).toEqual([]);
  });

  it.each(['lax', 'strict'] as const)('SameSite=%s is fine', (sameSite) => {
    expect(rules(row({ name: '__Host-session', sameSite }))).toEqual([]);
  });
});

describe('a Domain scoped too loosely (ZAP 90033)', () => {
  const domainCookie = (domain: string, extra: Partial<CookieRow> = {}) => row({ name: '__Secure-sid', domain, hostOnly: false, ...extra });

  it('flags Domain=example.com set from app.example.com: every sibling host gets it', () => {
    const f = finding('domain-loose', domainCookie('.example.com'));
    expect(f).toMatchObject({ title: 'Domain covers every host under example.com', severity: 'medium', reference: 'ZAP 90033 (CWE-565)' });
    expect(f.why).toContain('not only to app.example.com');
    expect(finding('domain-loose', domainCookie('example.com', { name: 'theme' }))).toMatchObject({ severity: 'info' });
  });

  it('reads domains and hosts case-insensitively', () => {
    expect(rules(domainCookie('.Example.COM'), 'https://APP.example.com/')).toContain('domain-loose');
  });

  it('a host-only cookie, and a Domain equal to the host, are not loose', () => {
    expect(rules(row({ name: '__Host-sid' }))).toEqual([]);
    expect(rules(domainCookie('app.example.com'))).not.toContain('domain-loose');
    expect(rules(domainCookie('.app.example.com'))).not.toContain('domain-loose');
  });

  it('localhost is not a public suffix: Domain=localhost from app.localhost covers its siblings', () => {
    expect(rules(domainCookie('localhost', { secure: false }), 'http://app.localhost:3000/')).toContain('domain-loose');
  });

  it('an IP address has no parent domain', () => {
    expect(rules(domainCookie('127.0.0.1', { secure: false }), 'http://127.0.0.1:5000/')).not.toContain('domain-loose');
    expect(rules(domainCookie('0.0.1', { secure: false }), 'http://127.0.0.1:5000/')).not.toContain('domain-loose');
    expect(rules(domainCookie('::1', { secure: false }), 'http://[::1]:5000/')).not.toContain('domain-loose');
  });

  it('a cookie of an unrelated domain is not judged against this page', () => {
    expect(rules(domainCookie('.other.org'))).not.toContain('domain-loose');
    // Not a label boundary: myexample.com is not under example.com.
    expect(rules(domainCookie('example.com'), 'https://myexample.com/')).not.toContain('domain-loose');
  });

  it('names the framework’s domain setting', () => {
    expect(finding('domain-loose', domainCookie('.example.com', { name: 'sessionid' })).fix).toBe(
      'Set SESSION_COOKIE_DOMAIN = None in settings.py (its default).',
    );
    expect(finding('domain-loose', domainCookie('.example.com', { name: '_shop_session' })).fix).toBe(
      'Drop the domain: option (such as domain: :all) from config.session_store.',
    );
  });
});

describe('a missing __Host- or __Secure- prefix', () => {
  it('suggests __Host- for a Secure, host-only session cookie on Path=/', () => {
    const f = finding('prefix-missing', row({ name: 'session' }), HTTPS, flask());
    expect(f).toMatchObject({ title: 'No __Host- prefix', severity: 'low', fix: "Set SESSION_COOKIE_NAME = '__Host-session'." });
  });

  it('says what else __Host- needs: Secure, and no Domain', () => {
    expect(finding('prefix-missing', row({ name: 'connect.sid', secure: false })).fix).toBe(
      "Set name: '__Host-connect.sid' in the session options. Also set Secure: the browser refuses the prefixed cookie otherwise.",
    );
    expect(finding('prefix-missing', row({ name: 'sessionid', hostOnly: false, domain: '.example.com' })).fix).toMatch(/Also drop the Domain attribute:/);
  });

  it('puts the prefixed name everywhere the setting names it', () => {
    expect(finding('prefix-missing', row({ name: 'JSESSIONID' })).fix).toBe(
      'Set <name>__Host-JSESSIONID</name> in web.xml’s <cookie-config> (Spring Boot: server.servlet.session.cookie.name=__Host-JSESSIONID).',
    );
  });

  it('suggests __Secure- when the cookie is on a narrower path', () => {
    expect(finding('prefix-missing', row({ name: 'lab_session', path: '/app' }))).toMatchObject({
      title: 'No __Secure- prefix',
      fix: "Pass name: '__Secure-lab_session' to cookieSession().",
    });
  });

  it('not on http (a prefixed cookie needs https), not for other cookies, not twice', () => {
    expect(rules(row({ name: 'session', secure: false }), HTTP)).not.toContain('prefix-missing');
    expect(rules(row({ name: 'theme' }))).not.toContain('prefix-missing');
    expect(rules(row({ name: '__Host-session' }))).toEqual([]);
    expect(rules(row({ name: '__Secure-sessionid' }))).toEqual([]);
    // The .sig follows its session cookie's name.
    expect(rules(row({ name: 'lab_session.sig' }))).toEqual([]);
  });

  it('not where the framework cannot take a prefix (PHP session names are letters and digits)', () => {
    expect(rules(row({ name: 'PHPSESSID' }))).toEqual([]);
  });
});

describe('a long lifetime', () => {
  const persistent = (name: string, daysLeft: number) => row({ name, session: false, expirationDate: NOW + daysLeft * DAY });

  it('flags a session cookie that outlives 30 days, with the framework’s lifetime setting', () => {
    const f = finding('lifetime-long', persistent('session', 31), HTTPS, flask());
    expect(f).toMatchObject({ title: 'The session cookie lives 31 more days', severity: 'low' });
    expect(f.fix).toBe('Lower PERMANENT_SESSION_LIFETIME (31 days by default), or leave session.permanent False for a browser-session cookie.');
    expect(finding('lifetime-long', persistent('sessionid', 60)).fix).toBe(
      'Lower SESSION_COOKIE_AGE (seconds; two weeks by default), or set SESSION_EXPIRE_AT_BROWSER_CLOSE = True.',
    );
    expect(finding('lifetime-long', persistent('connect.sid', 60)).fix).toMatch(/^Lower cookie\.maxAge/);
  });

  it('not up to 30 days, not for a browser-session cookie, not for other cookies', () => {
    expect(rules(persistent('__Host-session', 30))).toEqual([]);
    expect(rules(row({ name: '__Host-session', session: true, expirationDate: null }))).toEqual([]);
    expect(rules(persistent('theme', 200))).toEqual([]);
  });

  it('notes any cookie that asks for more than the browsers’ 400 days', () => {
    expect(finding('lifetime-over-cap', persistent('theme', 401))).toMatchObject({ severity: 'info', title: 'Asks to live 401 days, past the browsers’ 400' });
    expect(rules(persistent('theme', 400))).toEqual([]);
    expect(rules(persistent('__Host-session', 500))).toEqual(['lifetime-long', 'lifetime-over-cap']);
  });
});

describe('a size near 4 KB', () => {
  it('flags a cookie from three quarters of the 4096 bytes', () => {
    expect(SIZE_FINDING_BYTES).toBe(3072);
    expect(finding('size-near-limit', row({ name: 'theme', size: 3072 }))).toMatchObject({ title: '3072 bytes: near the 4 KB limit', severity: 'low' });
    expect(rules(row({ name: 'theme', size: 3071 }))).toEqual([]);
  });

  it('for a session, says where the data can live instead', () => {
    expect(finding('size-near-limit', row({ name: 'session', size: 4000 }), HTTPS, flask())).toMatchObject({
      severity: 'medium',
      fix: 'Keep the data on the server (a server-side session interface such as Flask-Session) and only an id in the cookie.',
    });
    expect(finding('size-near-limit', row({ name: 'sessionid', size: 4000 }), HTTPS, { format: 'django', payload: {}, weakKeyFound: false }).fix).toMatch(
      /server-side SESSION_ENGINE/,
    );
  });
});

describe('sensitive-looking data in a readable payload', () => {
  it('names each key that looks sensitive, and what a value looks like', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
    const f = finding('sensitive-data', row({ name: 'session' }), HTTPS, flask({ user: 'alice', password: 'hunter2', profile: { note: jwt } }));
    expect(f.severity).toBe('high');
    expect(f.why).toMatch(/^The payload holds "password", "profile\.note" \(a JSON Web Token\)\. Anyone who holds the cookie can read it/);
    expect(f.fix).toBe(
      'Keep passwords, tokens and keys out of the cookie: keep the data on the server (a server-side session interface such as Flask-Session) and only an id in the cookie.',
    );
  });

  it('names at most five keys', () => {
    const payload = Object.fromEntries(['password', 'token', 'secret', 'api_key', 'pin', 'ssn', 'cvv'].map((k) => [k, 'x']));
    expect(finding('sensitive-data', row({ name: 'session' }), HTTPS, flask(payload)).why).toMatch(/"pin", and 2 more\./);
  });

  it('not for a harmless payload, a hidden one (encrypted, or on the server), or an undecoded cookie', () => {
    expect(rules(row({ name: '__Host-session' }), HTTPS, flask({ user_id: 7, visits: 3 }))).toEqual([]);
    expect(rules(row({ name: '__Host-session' }), HTTPS, { format: 'rails', payload: null, weakKeyFound: false })).toEqual([]);
    expect(rules(row({ name: 'password', value: 'hunter2' }))).toEqual([]);
  });
});

describe('a weak signing key found', () => {
  it('flags the cookie whose key a crack found, naming the framework’s key setting', () => {
    const f = finding('weak-key', row({ name: '__Host-session' }), HTTPS, flask({}, true));
    expect(f).toMatchObject({ severity: 'high', title: 'Signed with a key from a public wordlist' });
    expect(f.fix).toMatch(
      /^Set SECRET_KEY from the environment to a long random value .* A new key logs everyone out, and every cookie forged with the old one stops working\.$/,
    );
    expect(finding('weak-key', row({ name: 'lab_session' }), HTTP, { format: 'cookie-session', payload: {}, weakKeyFound: true }).fix).toMatch(
      /^Load the keys option from the environment/,
    );
    expect(finding('weak-key', row({ name: 'token' }), HTTP, { format: 'jwt', payload: {}, weakKeyFound: true }).fix).toMatch(
      /^Replace the signing key with a long random value/,
    );
  });

  it('not when no crack found it', () => {
    expect(rules(row({ name: '__Host-session' }), HTTPS, flask({}, false))).toEqual([]);
  });
});

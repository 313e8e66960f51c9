// The cookie audit: OWASP ZAP's passive cookie rules (10010 HttpOnly, 10011
// Secure, 10054 SameSite, 90033 loose Domain) and the OWASP Session Management
// Cheat Sheet's advice (prefixes, lifetime, what a session may hold), applied to
// one cookie row. Pure logic: main gives it the row, the page it was set for and
// what the auditor decoded; each finding says why it matters and what to change,
// in the framework's own settings where the cookie says whose it is.
import { isIP } from 'node:net';
import {
  COOKIE_BYTES_LIMIT,
  FINDING_SEVERITIES,
  type CookieAudit,
  type CookieFinding,
  type CookieRow,
  type FindingSeverity,
  type SessionFramework,
} from '../../contract';
import { findSensitive } from '../session/sensitive-data';
import { SIZE_WARNING_RATIO } from '../session/session-warnings';
import { settingsFor, type FrameworkSettings } from './framework-settings';
import { sessionLikeness, SIGNATURE_SUFFIX, unprefixed, type SessionFormat } from './session-cookie-names';

/** What the auditor engine made of the cookie's value. */
export interface DecodedCookie {
  format: SessionFormat;
  /** The payload as plain JSON when anyone holding the cookie can read it; null when it is encrypted or kept on the server. */
  payload: unknown;
  /** A crack found the key that signs this cookie. The rule takes the crack's result; it never cracks. */
  weakKeyFound: boolean;
}

export interface CookieAuditInput {
  cookie: CookieRow;
  /** The page the cookie was set for: its scheme decides Secure and the prefixes, its host the Domain's scope. */
  pageUrl: string;
  decoded?: DecodedCookie | null;
  /** Seconds since the epoch; now by default. */
  now?: number;
}

/** A persistent session cookie that lives longer than this is flagged (Flask's 31-day default is). */
export const SESSION_LIFETIME_LIMIT_DAYS = 30;
/** RFC 6265bis: browsers cut Expires and Max-Age to at most 400 days (Chrome since 104). */
export const BROWSER_LIFETIME_CAP_DAYS = 400;
/** From three quarters of the browsers' 4096 bytes, as the server's own session warning. */
export const SIZE_FINDING_BYTES = Math.ceil(COOKIE_BYTES_LIMIT * SIZE_WARNING_RATIO);

const DAY_S = 24 * 60 * 60;

/** Raised for a page URL that is not one; the message names it. */
export class CookieAuditError extends Error {
  override name = 'CookieAuditError';
}

interface Context {
  cookie: CookieRow;
  https: boolean;
  host: string;
  sessionLike: boolean;
  framework: SessionFramework | null;
  settings: FrameworkSettings;
  decoded: DecodedCookie | null;
  now: number;
}

type Rule = (c: Context) => CookieFinding | null;

/** "set X = True" → "Set X = True." */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
const days = (seconds: number): number => Math.round(seconds / DAY_S);
const severity = (c: Context, session: FindingSeverity, other: FindingSeverity): FindingSeverity => (c.sessionLike ? session : other);
const what = (c: Context): string => (c.sessionLike ? 'the session' : 'this cookie');

const httpOnlyMissing: Rule = (c) =>
  c.sessionLike && !c.cookie.httpOnly
    ? {
        rule: 'httponly-missing',
        severity: 'medium',
        title: 'HttpOnly is missing',
        why: 'Any script on the page can read this session cookie through document.cookie: one cross-site scripting bug, or one compromised script the page loads, sends it to an attacker, who then has the session.',
        fix: sentence(c.settings.httpOnly),
        reference: 'ZAP 10010 (CWE-1004)',
      }
    : null;

const secureMissing: Rule = (c) =>
  c.https && !c.cookie.secure
    ? {
        rule: 'secure-missing',
        severity: severity(c, 'medium', 'low'),
        title: 'Secure is missing on an https site',
        why: `Without Secure the browser also sends ${what(c)} over plain http (a typed http:// address, an old link, a redirect), where anyone on the network can read it, and a plain-http response can overwrite it.`,
        fix: sentence(c.settings.secure),
        reference: 'ZAP 10011 (CWE-614)',
      }
    : null;

const sameSite: Rule = (c) => {
  const { sameSite: value, secure } = c.cookie;
  if (value === 'unspecified') {
    return {
      rule: 'samesite-missing',
      severity: severity(c, 'low', 'info'),
      title: 'SameSite is not set',
      why: `Browsers disagree on what that means: Chromium treats it as Lax (yet still sends a cookie younger than two minutes with a cross-site POST), others send it with every cross-site request. Where it is sent cross-site, another site can make requests that carry ${what(c)} (cross-site request forgery).`,
      fix: sentence(c.settings.sameSite),
      reference: 'ZAP 10054 (CWE-1275)',
    };
  }
  if (value === 'no_restriction' && !secure) {
    return {
      rule: 'samesite-none-insecure',
      severity: severity(c, 'medium', 'low'),
      title: 'SameSite=None without Secure',
      why: 'Current browsers refuse a SameSite=None cookie that is not Secure, so the app’s Set-Cookie is dropped; older browsers send it with every cross-site request, even over plain http.',
      fix: `${sentence(c.settings.sameSite)} If it really must go with cross-site requests, keep None and serve it over https with Secure.`,
      reference: 'ZAP 10054 (CWE-1275)',
    };
  }
  if (value === 'no_restriction' && c.sessionLike) {
    return {
      rule: 'samesite-none',
      severity: 'low',
      title: 'SameSite=None: sent with cross-site requests',
      why: 'Every other site can make the browser send requests that carry the session (forms, images, fetch with credentials): only the app’s own CSRF checks stand in the way.',
      fix: `${sentence(c.settings.sameSite)} Keep None only if the app is embedded in, or called from, another site.`,
      reference: 'ZAP 10054 (CWE-1275)',
    };
  }
  return null;
};

/** The parent domain a cookie's Domain attribute opens it to, beyond the page's own host; null when it is scoped to the host. */
function looseScope(cookie: CookieRow, host: string): string | null {
  if (cookie.hostOnly || isIP(host.replace(/^\[|\]$/g, '')) !== 0) return null;
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  if (domain === '' || domain === host) return null;
  // Browsers refuse a Domain that is a public suffix (com, co.uk, github.io), so
  // a jar's row never has one; any other parent covers the page's siblings.
  return host.endsWith(`.${domain}`) ? domain : null;
}

const domainLoose: Rule = (c) => {
  const parent = looseScope(c.cookie, c.host);
  if (parent === null) return null;
  return {
    rule: 'domain-loose',
    severity: severity(c, 'medium', 'info'),
    title: `Domain covers every host under ${parent}`,
    why: `Domain=${parent} sends ${what(c)} to every host under ${parent}, not only to ${c.host}: any of them (another team’s app, a forgotten staging host, a hosted blog) receives it, can read it, and can set a cookie of the same name over it.`,
    fix: sentence(c.settings.hostOnly),
    reference: 'ZAP 90033 (CWE-565)',
  };
};

const prefixMissing: Rule = (c) => {
  const { cookie } = c;
  if (!c.https || !c.sessionLike || cookie.name.endsWith(SIGNATURE_SUFFIX) || unprefixed(cookie.name) !== cookie.name || c.settings.rename === null)
    return null;
  // __Host- needs Secure, Path=/ and no Domain; __Secure- only Secure.
  const host = cookie.path === '/';
  const name = `${host ? '__Host-' : '__Secure-'}${cookie.name}`;
  const needs = [cookie.secure ? null : 'set Secure', host && !cookie.hostOnly ? 'drop the Domain attribute' : null].filter((s) => s !== null);
  return {
    rule: 'prefix-missing',
    severity: 'low',
    title: `No ${host ? '__Host-' : '__Secure-'} prefix`,
    why: host
      ? 'Without a prefix the server cannot tell its own session cookie from one of the same name planted by a sibling subdomain or over plain http (cookie tossing, session fixation). A __Host- cookie is accepted only from https, with Secure, Path=/ and no Domain, so no other host can set one.'
      : 'Without a prefix the server cannot tell its own session cookie from one of the same name set over plain http. A __Secure- cookie is accepted only from https, with Secure (__Host- would also need Path=/).',
    fix: `${sentence(c.settings.rename.replaceAll('{name}', name))}${needs.length > 0 ? ` Also ${needs.join(' and ')}: the browser refuses the prefixed cookie otherwise.` : ''}`,
    reference: 'OWASP Session Management Cheat Sheet; RFC 6265bis cookie prefixes',
  };
};

const lifetimeLong: Rule = (c) => {
  const { expirationDate, session } = c.cookie;
  if (!c.sessionLike || session || expirationDate === null) return null;
  const left = expirationDate - c.now;
  if (left <= SESSION_LIFETIME_LIMIT_DAYS * DAY_S) return null;
  return {
    rule: 'lifetime-long',
    severity: 'low',
    title: `The session cookie lives ${days(left)} more days`,
    why: `The browser keeps the session for ${days(left)} days, across restarts: whoever uses this computer next is still logged in, and a stolen copy works as long. OWASP advises session cookies that end with the browser, with the server timing out idle sessions.`,
    fix: sentence(c.settings.lifetime),
    reference: 'OWASP Session Management Cheat Sheet',
  };
};

const lifetimeOverCap: Rule = (c) => {
  const { expirationDate, session } = c.cookie;
  if (session || expirationDate === null) return null;
  const left = expirationDate - c.now;
  if (left <= BROWSER_LIFETIME_CAP_DAYS * DAY_S) return null;
  return {
    rule: 'lifetime-over-cap',
    severity: 'info',
    title: `Asks to live ${days(left)} days, past the browsers’ 400`,
    why: 'Browsers keep a cookie at most 400 days (RFC 6265bis; Chrome since version 104) and silently cut a longer Expires or Max-Age to that, so the app cannot count on more.',
    fix: 'Set Max-Age to 400 days or less, and set the cookie again on later visits if it must live longer.',
    reference: 'RFC 6265bis (400-day limit)',
  };
};

const sizeNearLimit: Rule = (c) => {
  const { size } = c.cookie;
  if (size < SIZE_FINDING_BYTES) return null;
  return {
    rule: 'size-near-limit',
    severity: severity(c, 'medium', 'low'),
    title: `${size} bytes: near the 4 KB limit`,
    why: `Browsers keep at most ${COOKIE_BYTES_LIMIT} bytes of name and value. A bigger Set-Cookie is dropped without a word and the old cookie stays, so a change the app thinks it saved is lost; and every request to the site carries these ${size} bytes.`,
    fix: c.sessionLike ? sentence(c.settings.serverSide) : 'Keep it small: an id, with the data kept on the server.',
    reference: 'RFC 6265 §6.1 (4096 bytes)',
  };
};

/** At most this many keys are named in one finding. */
const MAX_KEYS_NAMED = 5;

const sensitiveData: Rule = (c) => {
  const payload = c.decoded?.payload;
  if (payload === null || payload === undefined) return null;
  const found = findSensitive(payload);
  if (found.length === 0) return null;
  const named = found.slice(0, MAX_KEYS_NAMED).map(({ key, looksLike }) => (looksLike === null ? `"${key}"` : `"${key}" (${looksLike})`));
  const more = found.length > MAX_KEYS_NAMED ? `, and ${found.length - MAX_KEYS_NAMED} more` : '';
  return {
    rule: 'sensitive-data',
    severity: 'high',
    title: 'Sensitive-looking data in a readable payload',
    why: `The payload holds ${named.join(', ')}${more}. Anyone who holds the cookie can read it without any key (the user, anyone at a shared computer, a proxy or log that records cookies): it is encoded and signed, not encrypted, and the signature stops changes, not reading.`,
    fix: `Keep passwords, tokens and keys out of the cookie: ${c.settings.serverSide}.`,
    reference: 'OWASP Session Management Cheat Sheet',
  };
};

const weakKey: Rule = (c) =>
  c.decoded?.weakKeyFound === true
    ? {
        rule: 'weak-key',
        severity: 'high',
        title: 'Signed with a key from a public wordlist',
        why: 'A crack found the signing key on a list anyone can download, so anyone can sign a session of their choosing (for example as admin) and the server accepts it.',
        fix: `${sentence(c.settings.key)} A new key logs everyone out, and every cookie forged with the old one stops working.`,
        reference: 'CWE-1391 (weak credentials)',
      }
    : null;

/** In the order a person reads them, before the sort by severity. */
const RULES: readonly Rule[] = [
  weakKey,
  sensitiveData,
  httpOnlyMissing,
  secureMissing,
  sameSite,
  domainLoose,
  prefixMissing,
  lifetimeLong,
  lifetimeOverCap,
  sizeNearLimit,
];

function pageOf(pageUrl: string): { https: boolean; host: string } {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    throw new CookieAuditError(`The page a cookie was set for must be a URL, like https://app.example.com/, not ${JSON.stringify(pageUrl.slice(0, 80))}.`);
  }
  return { https: url.protocol === 'https:', host: url.hostname.toLowerCase() };
}

/** Every finding for one cookie, worst first, and whether it looks like a session. */
export function auditCookie(input: CookieAuditInput): CookieAudit {
  const { cookie } = input;
  const decoded = input.decoded ?? null;
  const { sessionLike, framework } = sessionLikeness(cookie.name, decoded?.format ?? null);
  const context: Context = {
    cookie,
    ...pageOf(input.pageUrl),
    sessionLike,
    framework,
    settings: settingsFor(framework),
    decoded,
    now: input.now ?? Date.now() / 1000,
  };
  const findings = RULES.map((rule) => rule(context)).filter((f) => f !== null);
  // A stable sort: within a severity, the rules' own order.
  findings.sort((a, b) => FINDING_SEVERITIES.indexOf(a.severity) - FINDING_SEVERITIES.indexOf(b.severity));
  return { sessionLike, framework, findings };
}

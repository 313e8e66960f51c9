// What the cookie audit says about one cookie: its findings (why each matters,
// what to change), and whether the cookie looks like a session. Main works it
// out (server/audit/cookie-findings.ts); the window shows it in the jar table.
import type { CookieRow } from './bridge';

/** How much a finding matters: a session anyone can forge is high, a cookie that could be tidier is info. */
export type FindingSeverity = 'high' | 'medium' | 'low' | 'info';
/** Worst first: the order the window lists and sorts findings in. */
export const FINDING_SEVERITIES = ['high', 'medium', 'low', 'info'] as const satisfies readonly FindingSeverity[];

/** One rule of the audit; the README's table lists them. */
export type FindingRule =
  | 'httponly-missing'
  | 'secure-missing'
  | 'samesite-missing'
  | 'samesite-none-insecure'
  | 'samesite-none'
  | 'domain-loose'
  | 'prefix-missing'
  | 'lifetime-long'
  | 'lifetime-over-cap'
  | 'size-near-limit'
  | 'sensitive-data'
  | 'weak-key';

export interface CookieFinding {
  rule: FindingRule;
  severity: FindingSeverity;
  /** One line: "HttpOnly is missing". */
  title: string;
  /** Why it matters, for this cookie. */
  why: string;
  /** What to change, naming the framework's own setting where it is known. */
  fix: string;
  /** Where the rule comes from: "ZAP 10010", "RFC 6265bis", "OWASP Session Management Cheat Sheet". */
  reference: string;
}

/** A framework whose session cookie the audit recognises, by its name or its format. */
export type SessionFramework = 'flask' | 'django' | 'express-session' | 'cookie-session' | 'rails' | 'laravel' | 'php' | 'java' | 'aspnet';

export const FRAMEWORK_LABELS: Readonly<Record<SessionFramework, string>> = {
  flask: 'Flask',
  django: 'Django',
  'express-session': 'express-session',
  'cookie-session': 'cookie-session',
  rails: 'Rails',
  laravel: 'Laravel',
  php: 'PHP',
  java: 'Java servlet',
  aspnet: 'ASP.NET',
};

/** The audit of one cookie. */
export interface CookieAudit {
  /** A known framework's session cookie name, a signed session's value, or part of such a pair (`<name>.sig`). */
  sessionLike: boolean;
  /** Whose session it looks like, when the name or the format says. */
  framework: SessionFramework | null;
  /** Worst first. */
  findings: CookieFinding[];
}

/** A jar row with its audit: what the jar table lists. */
export interface AuditedCookie {
  cookie: CookieRow;
  audit: CookieAudit;
}

/**
 * The audited jar as it crosses the bridge: each distinct finding once, and each
 * row pointing at its findings by index. A busy jar repeats the same few
 * findings (180 cookies without SameSite carry one text 180 times), and the
 * whole jar crosses on every change.
 */
export interface PackedJarAudit {
  findings: CookieFinding[];
  /** `session` only on a cookie that looks like one: its framework, or null when unknown. */
  rows: { cookie: CookieRow; findings: number[]; session?: SessionFramework | null }[];
}

const findingKey = (f: CookieFinding): string => [f.rule, f.severity, f.title, f.why, f.fix, f.reference].join('\u0000');

export function packJarAudit(audited: readonly AuditedCookie[]): PackedJarAudit {
  const findings: CookieFinding[] = [];
  const index = new Map<string, number>();
  const at = (f: CookieFinding): number => {
    const key = findingKey(f);
    let i = index.get(key);
    if (i === undefined) {
      i = findings.push(f) - 1;
      index.set(key, i);
    }
    return i;
  };
  const rows = audited.map(({ cookie, audit }) => ({ cookie, findings: audit.findings.map(at), ...(audit.sessionLike ? { session: audit.framework } : {}) }));
  return { findings, rows };
}

/** Rows with their findings again; rows that share a finding share its object. An index out of range is dropped. */
export function unpackJarAudit(packed: PackedJarAudit): AuditedCookie[] {
  return packed.rows.map(({ cookie, findings, session }) => ({
    cookie,
    audit: {
      sessionLike: session !== undefined,
      framework: session ?? null,
      findings: findings.map((i) => packed.findings[i]).filter((f): f is CookieFinding => f !== undefined),
    },
  }));
}

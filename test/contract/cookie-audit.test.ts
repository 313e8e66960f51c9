// The audited jar crosses the bridge packed: each distinct finding once, rows by index.
import { describe, expect, it } from 'vitest';
import { packJarAudit, unpackJarAudit, type AuditedCookie, type CookieRow } from '../../contract';
import { auditCookie } from '../../server/index';

const row = (name: string, extra: Partial<CookieRow> = {}): CookieRow => ({
  name,
  value: 'v',
  domain: 'app.example.com',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: false,
  session: true,
  expirationDate: null,
  sameSite: 'unspecified',
  size: name.length + 1,
  ...extra,
});
const audited = (cookie: CookieRow): AuditedCookie => ({ cookie, audit: auditCookie({ cookie, pageUrl: 'https://app.example.com/' }) });

describe('the packed jar audit', () => {
  it('sends a finding that 180 cookies share once, and unpacks to the same rows', () => {
    const jar = [...Array.from({ length: 180 }, (_, i) => audited(row(`pref_${i}`))), audited(row('sessionid'))];
    const packed = packJarAudit(jar);
    // Two findings every pref_ cookie shares (Secure, SameSite), and the session's own four.
    expect(packed.findings.map((f) => f.rule).sort()).toEqual([
      'httponly-missing',
      'prefix-missing',
      'samesite-missing',
      'samesite-missing',
      'secure-missing',
      'secure-missing',
    ]);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(jar).length / 3);
    const unpacked = unpackJarAudit(JSON.parse(JSON.stringify(packed)) as typeof packed);
    expect(unpacked).toEqual(jar);
    expect(unpacked[0]!.audit.findings[0]).toBe(unpacked[1]!.audit.findings[0]);
  });

  it('drops an index that points at no finding', () => {
    const packed = packJarAudit([audited(row('theme'))]);
    packed.rows[0]!.findings.push(99);
    expect(unpackJarAudit(packed)[0]!.audit.findings.map((f) => f.rule)).toEqual(['secure-missing', 'samesite-missing']);
  });
});

// Rails cookies made by Rails 6.1's ActiveSupport (Debian's ruby-activesupport),
// set up as ActionDispatch's jars set it up: signed, encrypted with AES-256-GCM
// (5.2+) and AES-256-CBC (4.0–5.1), keys by PBKDF2-SHA1 (before 7) and -SHA256 (7).
import { describe, expect, it } from 'vitest';
import type { FormatOptions } from '../../../../server/audit/formats/format';
import { examine, resign, signNew, verifyTarget } from '../../../../server/audit/session-auditor';
import { crack, jsonOf, text } from '../../../support/audit-crack';
import { railsPeer } from '../../../support/framework-peers';
import { strongKey } from '../../../support/test-keys';

const bytes = (s: string) => Buffer.from(s);
const value = { user_id: 42, role: 'member', note: '<b>&' };
const cases = [
  ['signed', 'sha1'],
  ['signed', 'sha256'],
  ['encrypted', 'sha1'],
  ['encrypted', 'sha256'],
  ['encrypted-cbc', 'sha1'],
] as const;

describe.each(cases)('Rails %s cookies, PBKDF2-%s', (kind, kdf) => {
  const railsCookie = (secret: string, payload: unknown = value) =>
    railsPeer({ op: 'sign', secret, name: '_app_session', kind, kdf, payload }).cookie as string;
  const read = (secret: string, cookie: string) => railsPeer({ op: 'read', secret, name: '_app_session', kind, kdf, cookie }).value;
  const version = kdf === 'sha1' ? 'Rails before 7 (PBKDF2-HMAC-SHA1)' : 'Rails 7 (PBKDF2-HMAC-SHA256)';

  it('decode: detected as Rails; a signed value is shown with its purpose, an encrypted one is not', () => {
    const [c] = examine(`_app_session=${railsCookie(strongKey())}`);
    expect(c!.target?.format).toBe('rails');
    if (kind === 'signed') {
      expect(jsonOf(c!.decoded!.payload)).toEqual(value);
      expect(c!.decoded!.facts).toContainEqual({ label: 'purpose', value: 'cookie._app_session' });
    } else expect(c!.decoded!.payload).toEqual({ kind: 'hidden', reason: 'Encrypted: verify or crack it with secret_key_base to read it.' });
  });

  it('verify: the right secret_key_base holds (and opens an encrypted value), a wrong one does not', () => {
    const skb = strongKey();
    const [c] = examine(`_app_session=${railsCookie(skb)}`);
    const verdict = verifyTarget(c!.target!, bytes(skb));
    expect(verdict).toMatchObject({ valid: true, variant: expect.stringContaining(version) });
    expect(verdict.valid && verdict.payload && jsonOf(verdict.payload)).toEqual(value);
    expect(verifyTarget(c!.target!, bytes(strongKey()))).toMatchObject({ valid: false });
  });

  it('crack: a weak secret_key_base from the built-in list falls, despite PBKDF2', async () => {
    const [c] = examine(`_app_session=${railsCookie('changeme')}`);
    const report = await crack([c!.target!], undefined, ['raw']);
    expect(text(report.found[0]?.candidate)).toBe('changeme');
    expect(report.found[0]!.variant).toContain(version);
  });

  it('sign: Rails reads what the auditor signs', () => {
    const skb = strongKey();
    const options: FormatOptions = { railsCookie: kind, kdfDigest: kdf, railsEnvelope: kind === 'encrypted-cbc' ? 'none' : 'message' };
    const ours = signNew('rails', { name: '_app_session', payload: JSON.stringify(value), secret: bytes(skb), options }).cookies[0]!;
    expect(read(skb, ours.value)).toEqual(value);
    if (kind === 'signed') expect(ours.value).toBe(railsCookie(skb)); // no random IV: byte for byte
    const [c] = examine(`_app_session=${railsCookie(skb)}`);
    expect(read(skb, resign(c!.target!, bytes(skb), '{"user_id":1,"role":"admin"}').cookies[0]!.value)).toEqual({ user_id: 1, role: 'admin' });
  });
});

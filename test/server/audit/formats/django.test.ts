// Django's signed_cookies sessions made by the real Django 3.2 (Debian's
// python3-django), with DEFAULT_HASHING_ALGORITHM sha1 (as Django ≤ 3.0 signs) and sha256.
import { describe, expect, it } from 'vitest';
import { examine, resign, signNew, verifyTarget } from '../../../../server/audit/session-auditor';
import { crack, jsonOf, text } from '../../../support/audit-crack';
import { djangoPeer } from '../../../support/framework-peers';
import { strongKey } from '../../../support/test-keys';

const now = () => Math.floor(Date.now() / 1000);
const bytes = (s: string) => Buffer.from(s);
const session = { _auth_user_id: '1', _auth_user_backend: 'django.contrib.auth.backends.ModelBackend', zé: [1, 2.5] };

describe.each(['sha1', 'sha256'] as const)('Django signed_cookies sessions, %s', (algorithm) => {
  const djangoCookie = (secret: string, data: unknown = session, at = now()) =>
    djangoPeer({ op: 'sign', secret, algorithm, payload: data, now: at }).cookie as string;
  const variant = algorithm === 'sha1' ? 'Django 3.0 and earlier (SHA-1)' : 'Django 3.1 and later (SHA-256)';

  it('decode: detected as Django, with its payload, timestamp and hash', () => {
    const at = now();
    const [c] = examine(`sessionid=${djangoCookie(strongKey(), session, at)}`);
    expect(c!.target?.format).toBe('django');
    expect(jsonOf(c!.decoded!.payload)).toEqual(session);
    expect(c!.decoded!.facts[0]).toEqual({ label: 'signed at', value: expect.stringContaining(`(${at})`) });
    expect(c!.decoded!.facts[2]!.value).toContain(variant);
  });

  it('verify: right key holds (naming the Django version), wrong key does not', () => {
    const key = strongKey();
    const [c] = examine(djangoCookie(key));
    expect(verifyTarget(c!.target!, bytes(key))).toMatchObject({ valid: true, variant });
    expect(verifyTarget(c!.target!, bytes(strongKey()))).toMatchObject({ valid: false });
  });

  it('crack: a published SECRET_KEY from the built-in list falls', async () => {
    const [c] = examine(djangoCookie('changeme'));
    const report = await crack([c!.target!]);
    expect(report.found).toHaveLength(1);
    expect(text(report.found[0]!.candidate)).toBe('changeme');
    expect(report.found[0]!.variant).toBe(variant);
  });

  it('sign: byte for byte what Django writes at the same second, and Django loads it', () => {
    const key = strongKey();
    const at = now();
    const small = { user: 'alice', n: 1 };
    const ours = signNew('django', { name: 'sessionid', payload: JSON.stringify(small), secret: bytes(key), now: at, options: { digest: algorithm } })
      .cookies[0]!;
    expect(ours.value).toBe(djangoCookie(key, small, at));
    expect(djangoPeer({ op: 'load', secret: key, algorithm, cookie: ours.value }).session).toEqual(small);
    // A larger session is compressed, as Django compresses it, and still loads.
    const big = signNew('django', { name: 'sessionid', payload: JSON.stringify(session), secret: bytes(key), now: at, options: { digest: algorithm } })
      .cookies[0]!;
    expect(big.value.startsWith('.')).toBe(djangoCookie(key, session, at).startsWith('.'));
    expect(djangoPeer({ op: 'load', secret: key, algorithm, cookie: big.value }).session).toEqual(session);
  });

  it('--resign: the same hash and salt, a fresh timestamp, a forged payload Django accepts', () => {
    const key = strongKey();
    const [c] = examine(djangoCookie(key, { user: 'alice' }, now() - 600));
    const forged = resign(c!.target!, bytes(key), '{"user":"admin"}').cookies[0]!;
    expect(djangoPeer({ op: 'load', secret: key, algorithm, cookie: forged.value }).session).toEqual({ user: 'admin' });
  });
});

// One thread's cracking core: a key schedule shared by several cookies is
// derived once per candidate, and each cookie stops at its first hit.
import { describe, expect, it } from 'vitest';
import { CrackCore } from '../../../server/audit/crack/crack-core';
import { nodePrimitives, type Primitives } from '../../../server/audit/crypto/primitives';
import { examine, signNew } from '../../../server/audit/session-auditor';

const flaskCookie = (key: string, user: string) =>
  signNew('flask', { name: 'session', payload: JSON.stringify({ user }), secret: Buffer.from(key) }).cookies[0]!.value;

function counting(): Primitives & { hmacs: number } {
  const p = {
    hmacs: 0,
    digest: nodePrimitives.digest,
    hmac: (...args: Parameters<Primitives['hmac']>) => (p.hmacs++, nodePrimitives.hmac(...args)),
    hmacEquals: (...args: Parameters<Primitives['hmacEquals']>) => (p.hmacs++, nodePrimitives.hmacEquals(...args)),
  };
  return p;
}

describe('the crack core', () => {
  it('derives a shared Flask key once per candidate for all the cookies that use it', () => {
    const targets = [flaskCookie('k1', 'a'), flaskCookie('k2', 'b'), flaskCookie('k3', 'c')].map((v) => examine(v)[0]!.target!);
    const p = counting();
    const core = new CrackCore(targets, new Set(['raw']), p);
    expect(core.tryCandidate(Buffer.from('nope'))).toBeNull();
    // One derivation HMAC(secret, "cookie-session") and one check per cookie: 1 + 3, not 3 × 2.
    expect(p.hmacs).toBe(4);
  });

  it('each cookie stops at its first hit; the run is done when every cookie is', () => {
    const targets = [flaskCookie('k1', 'a'), flaskCookie('k2', 'b')].map((v) => examine(v)[0]!.target!);
    const core = new CrackCore(targets, new Set(['raw']), nodePrimitives);
    expect(core.tryCandidate(Buffer.from('k2'))?.map((h) => h.target)).toEqual([1]);
    expect(core.tryCandidate(Buffer.from('k2'))).toBeNull();
    expect(core.done).toBe(false);
    expect(core.tryCandidate(Buffer.from('k1'))?.map((h) => [h.target, h.form, Buffer.from(h.key).toString()])).toEqual([[0, 'raw', 'k1']]);
    expect(core.done).toBe(true);
  });

  it('tries the forms asked for: base64 of a binary key, Laravel "base64:" spelling', () => {
    const key = Buffer.from('a7f1c3d90e4b2a6c8d0f1e3b5a7c9e1f', 'hex');
    const target = examine(signNew('jwt', { name: null, payload: '{"a":1}', secret: key }).cookies[0]!.value)[0]!.target!;
    const b64 = Buffer.from(key.toString('base64'));
    expect(new CrackCore([target], new Set(['raw', 'hex']), nodePrimitives).tryCandidate(b64)).toBeNull();
    expect(new CrackCore([target], new Set(['base64']), nodePrimitives).tryCandidate(b64)?.[0]?.form).toBe('base64');
    expect(new CrackCore([target], new Set(['laravel']), nodePrimitives).tryCandidate(Buffer.from(`base64:${key.toString('base64')}`))?.[0]?.form).toBe(
      'laravel',
    );
  });
});

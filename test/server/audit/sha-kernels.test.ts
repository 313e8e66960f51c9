// The crack loop's SHA-1 and SHA-256 kernels give node:crypto's answers, for
// every key length around the block size and every message length around the
// padding boundaries; and the crack primitives built on them agree too.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadCrackPrimitives } from '../../../server/audit/crypto/crack-primitives';
import { kernelDigest, kernelHmac, kernelHmacEquals } from '../../../server/audit/crypto/sha-kernels';

const keyLengths = Array.from({ length: 150 }, (_, i) => i);
const dataLengths = [0, 1, 3, 20, 32, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000];

describe.each(['sha1', 'sha256'] as const)('%s kernel', (hash) => {
  it('HMAC equals node:crypto for keys of 0–149 bytes and messages around every boundary', () => {
    let checked = 0;
    for (const kl of keyLengths) {
      for (const dl of dataLengths) {
        const key = crypto.randomBytes(kl);
        const data = crypto.randomBytes(dl);
        const theirs = crypto.createHmac(hash, key).update(data).digest();
        expect(Buffer.from(kernelHmac(hash, key, data))).toEqual(theirs);
        expect(kernelHmacEquals(hash, key, data, theirs)).toBe(true);
        theirs[theirs.length - 1]! ^= 1;
        expect(kernelHmacEquals(hash, key, data, theirs)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe(keyLengths.length * dataLengths.length);
  });

  it('the plain hash equals node:crypto', () => {
    for (const dl of dataLengths) {
      const data = crypto.randomBytes(dl);
      expect(Buffer.from(kernelDigest(hash, data))).toEqual(crypto.createHash(hash).update(data).digest());
    }
  });
});

describe('the crack primitives', () => {
  it.each(['sha1', 'sha256', 'sha384', 'sha512'] as const)('%s HMAC and hash of several parts equal node:crypto', async (hash) => {
    const p = await loadCrackPrimitives();
    for (const kl of [0, 16, 64, 65, 128, 129, 200]) {
      const key = crypto.randomBytes(kl);
      const data = crypto.randomBytes(77);
      const theirs = crypto.createHmac(hash, key).update(data).digest();
      expect(Buffer.from(p.hmac(hash, key, data))).toEqual(theirs);
      expect(p.hmacEquals(hash, key, data, theirs)).toBe(true);
      expect(p.hmacEquals(hash, key, data, Buffer.alloc(theirs.length))).toBe(false);
    }
    const parts = [Buffer.from('salt'), Buffer.from('signer'), crypto.randomBytes(70)];
    expect(Buffer.from(p.digest(hash, ...parts))).toEqual(crypto.createHash(hash).update(Buffer.concat(parts)).digest());
  });
});

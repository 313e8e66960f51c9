// The hash and HMAC calls every format's construction is written against, so one
// construction serves verify, sign and crack: node:crypto here, and a faster
// WebAssembly build of the same functions where a crack needs millions of them.
import crypto from 'node:crypto';

export type HashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const HASH_LENGTH: Record<HashName, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

export interface Primitives {
  hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array;
  /** Whether HMAC(key, data) is `expected` (the crack loop's check: no allocation where it can avoid one). */
  hmacEquals(hash: HashName, key: Uint8Array, data: Uint8Array, expected: Uint8Array): boolean;
  /** The hash of the parts, concatenated. */
  digest(hash: HashName, ...parts: Uint8Array[]): Uint8Array;
}

export const nodePrimitives: Primitives = {
  hmac: (hash, key, data) => crypto.createHmac(hash, key).update(data).digest(),
  hmacEquals: (hash, key, data, expected) => equalBytes(crypto.createHmac(hash, key).update(data).digest(), expected),
  digest: (hash, ...parts) => {
    const h = crypto.createHash(hash);
    for (const p of parts) h.update(p);
    return h.digest();
  },
};

/** The hash whose output has this many bytes (a signature's length names its HMAC). */
export function hashForLength(bytes: number): HashName | null {
  return (Object.keys(HASH_LENGTH) as HashName[]).find((h) => HASH_LENGTH[h] === bytes) ?? null;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

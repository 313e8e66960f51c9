// HMAC on hash-wasm's hashers, reused across calls: several times the guesses
// per second of node:crypto, whose per-call setup dominates on cookie-sized input.
import { createSHA1, createSHA256, createSHA384, createSHA512, type IHasher } from 'hash-wasm';
import type { HashName, Primitives } from './primitives';

const BLOCK: Record<HashName, number> = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };

/** Loads the WebAssembly hashers (once per thread); the result is synchronous from then on. */
export async function loadWasmPrimitives(): Promise<Primitives> {
  const [sha1, sha256, sha384, sha512] = await Promise.all([createSHA1(), createSHA256(), createSHA384(), createSHA512()]);
  const hashers: Record<HashName, IHasher> = { sha1, sha256, sha384, sha512 };
  const pads: Record<number, { inner: Uint8Array; outer: Uint8Array }> = {
    64: { inner: new Uint8Array(64), outer: new Uint8Array(64) },
    128: { inner: new Uint8Array(128), outer: new Uint8Array(128) },
  };
  const digest = (hash: HashName, ...parts: Uint8Array[]): Uint8Array => {
    const h = hashers[hash];
    h.init();
    for (const p of parts) h.update(p);
    return h.digest('binary');
  };
  return {
    digest,
    hmac(hash, key, data) {
      const block = BLOCK[hash];
      const k = key.length > block ? digest(hash, key) : key;
      const { inner, outer } = pads[block]!;
      inner.fill(0x36);
      outer.fill(0x5c);
      for (let i = 0; i < k.length; i++) {
        inner[i]! ^= k[i]!;
        outer[i]! ^= k[i]!;
      }
      const h = hashers[hash];
      h.init();
      h.update(inner);
      h.update(data);
      const innerHash = h.digest('binary');
      h.init();
      h.update(outer);
      h.update(innerHash);
      return h.digest('binary');
    },
  };
}

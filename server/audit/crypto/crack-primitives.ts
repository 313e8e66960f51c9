// The primitives a crack runs on: SHA-1 and SHA-256 from the allocation-free
// kernels (sha-kernels.ts), SHA-384 and SHA-512 from hash-wasm's WebAssembly
// hashers, reused across calls. Both are several times node:crypto's rate on
// cookie-sized input, where its per-call setup dominates.
import { createSHA384, createSHA512, type IHasher } from 'hash-wasm';
import { equalBytes, type HashName, type Primitives } from './primitives';
import { kernelDigestParts, kernelHmac, kernelHmacEquals } from './sha-kernels';

/** Loads the WebAssembly hashers (once per thread); the result is synchronous from then on. */
export async function loadCrackPrimitives(): Promise<Primitives> {
  const [sha384, sha512] = await Promise.all([createSHA384(), createSHA512()]);
  const wasm: Record<'sha384' | 'sha512', IHasher> = { sha384, sha512 };
  const inner = new Uint8Array(128);
  const outer = new Uint8Array(128);
  const wasmDigest = (hash: 'sha384' | 'sha512', ...parts: Uint8Array[]): Uint8Array => {
    const h = wasm[hash];
    h.init();
    for (const p of parts) h.update(p);
    return h.digest('binary');
  };
  const wasmHmac = (hash: 'sha384' | 'sha512', key: Uint8Array, data: Uint8Array): Uint8Array => {
    const k = key.length > 128 ? wasmDigest(hash, key) : key;
    inner.fill(0x36);
    outer.fill(0x5c);
    for (let i = 0; i < k.length; i++) {
      inner[i]! ^= k[i]!;
      outer[i]! ^= k[i]!;
    }
    return wasmDigest(hash, outer, wasmDigest(hash, inner, data));
  };
  const kernel = (hash: HashName): hash is 'sha1' | 'sha256' => hash === 'sha1' || hash === 'sha256';
  return {
    hmac: (hash, key, data) => (kernel(hash) ? kernelHmac(hash, key, data) : wasmHmac(hash, key, data)),
    hmacEquals: (hash, key, data, expected) => (kernel(hash) ? kernelHmacEquals(hash, key, data, expected) : equalBytes(wasmHmac(hash, key, data), expected)),
    digest: (hash, ...parts) => (kernel(hash) ? kernelDigestParts(hash, parts) : wasmDigest(hash, ...parts)),
  };
}

// SHA-1 and SHA-256 written for the crack loop: HMAC of cookie-sized input with
// no allocation and no call into native code or WebAssembly per hash. Each guess
// is a handful of 64-byte blocks, where per-call setup (node:crypto's, even
// hash-wasm's) costs more than the blocks; here a guess costs its compressions.
// Checked against node:crypto over every key and message length that matters
// (test/server/audit/sha-kernels.test.ts). Used only to crack: verify and sign
// use node:crypto.

export type KernelHash = 'sha1' | 'sha256';

const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV1 = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
const IV256 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const W = new Int32Array(80);

function compress1(H: Int32Array, b: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++) {
    const j = o + 4 * i;
    W[i] = (b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!;
  }
  for (let i = 16; i < 80; i++) {
    const x = W[i - 3]! ^ W[i - 8]! ^ W[i - 14]! ^ W[i - 16]!;
    W[i] = (x << 1) | (x >>> 31);
  }
  let a = H[0]!,
    bb = H[1]!,
    c = H[2]!,
    d = H[3]!,
    e = H[4]!;
  // Four loops, one per round function: a branch per round would cost more than the round.
  for (let i = 0; i < 20; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((bb & c) | (~bb & d)) + e + W[i]! + 0x5a827999) | 0;
    e = d;
    d = c;
    c = (bb << 30) | (bb >>> 2);
    bb = a;
    a = t;
  }
  for (let i = 20; i < 40; i++) {
    const t = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e + W[i]! + 0x6ed9eba1) | 0;
    e = d;
    d = c;
    c = (bb << 30) | (bb >>> 2);
    bb = a;
    a = t;
  }
  for (let i = 40; i < 60; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((bb & c) | (bb & d) | (c & d)) + e + W[i]! + 0x8f1bbcdc) | 0;
    e = d;
    d = c;
    c = (bb << 30) | (bb >>> 2);
    bb = a;
    a = t;
  }
  for (let i = 60; i < 80; i++) {
    const t = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e + W[i]! + 0xca62c1d6) | 0;
    e = d;
    d = c;
    c = (bb << 30) | (bb >>> 2);
    bb = a;
    a = t;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + bb) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
}

function compress256(H: Int32Array, b: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++) {
    const j = o + 4 * i;
    W[i] = (b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!,
    bb = H[1]!,
    c = H[2]!,
    d = H[3]!,
    e = H[4]!,
    f = H[5]!,
    g = H[6]!,
    h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K256[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = bb;
    bb = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + bb) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

const STATE = { sha1: new Int32Array(5), sha256: new Int32Array(8) };
const INNER = { sha1: new Int32Array(5), sha256: new Int32Array(8) };
const OUT_BYTES = { sha1: 20, sha256: 32 };
const tail = new Uint8Array(64);
const ipad = new Uint8Array(64);
const opad = new Uint8Array(64);
const keyHash = new Uint8Array(32);

const reset = (hash: KernelHash, H: Int32Array) => H.set(hash === 'sha1' ? IV1 : IV256);

/** Feeds bytes [start, end) of `data` after `prior` bytes already compressed, then the padding. */
function finish(hash: KernelHash, H: Int32Array, data: Uint8Array, start: number, end: number, prior: number): void {
  const compress = hash === 'sha1' ? compress1 : compress256;
  let i = start;
  for (; i + 64 <= end; i += 64) compress(H, data, i);
  const rest = end - i;
  tail.fill(0);
  for (let k = 0; k < rest; k++) tail[k] = data[i + k]!;
  tail[rest] = 0x80;
  if (rest >= 56) {
    compress(H, tail, 0);
    tail.fill(0);
  }
  const bits = (prior + end - start) * 8;
  const high = Math.floor(bits / 0x100000000);
  tail[56] = high >>> 24;
  tail[57] = high >>> 16;
  tail[58] = high >>> 8;
  tail[59] = high;
  tail[60] = bits >>> 24;
  tail[61] = bits >>> 16;
  tail[62] = bits >>> 8;
  tail[63] = bits;
  compress(H, tail, 0);
}

/** Writes the state words as bytes. */
function bytesOf(H: Int32Array, out: Uint8Array, words: number): Uint8Array {
  for (let i = 0; i < words; i++) {
    const w = H[i]!;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = w >>> 16;
    out[4 * i + 2] = w >>> 8;
    out[4 * i + 3] = w;
  }
  return out;
}

let scratch = new Uint8Array(256);

/** The hash of the parts, concatenated (into a reused buffer, not a new one per call). */
export function kernelDigestParts(hash: KernelHash, parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  if (n > scratch.length) scratch = new Uint8Array(Math.max(n, 2 * scratch.length));
  let at = 0;
  for (const p of parts) {
    scratch.set(p, at);
    at += p.length;
  }
  const H = STATE[hash];
  reset(hash, H);
  finish(hash, H, scratch, 0, n, 0);
  return bytesOf(H, new Uint8Array(OUT_BYTES[hash]), OUT_BYTES[hash] / 4);
}

/** The hash of `data` into a fresh array. */
export const kernelDigest = (hash: KernelHash, data: Uint8Array): Uint8Array => kernelDigestParts(hash, [data]);

/** HMAC(key, data), left in STATE[hash]. */
function hmacState(hash: KernelHash, key: Uint8Array, data: Uint8Array): Int32Array {
  let k = key;
  if (k.length > 64) {
    const H = STATE[hash];
    reset(hash, H);
    finish(hash, H, k, 0, k.length, 0);
    k = bytesOf(H, keyHash, OUT_BYTES[hash] / 4).subarray(0, OUT_BYTES[hash]);
  }
  ipad.fill(0x36);
  opad.fill(0x5c);
  for (let i = 0; i < k.length; i++) {
    ipad[i]! ^= k[i]!;
    opad[i]! ^= k[i]!;
  }
  const compress = hash === 'sha1' ? compress1 : compress256;
  const words = OUT_BYTES[hash] / 4;
  const inner = INNER[hash];
  reset(hash, inner);
  compress(inner, ipad, 0);
  finish(hash, inner, data, 0, data.length, 64);
  // The outer hash's message is the inner digest: write it into opad's tail buffer.
  const H = STATE[hash];
  reset(hash, H);
  compress(H, opad, 0);
  const innerBytes = bytesOf(inner, keyHash, words);
  finish(hash, H, innerBytes, 0, OUT_BYTES[hash], 64);
  return H;
}

export function kernelHmac(hash: KernelHash, key: Uint8Array, data: Uint8Array): Uint8Array {
  const H = hmacState(hash, key, data);
  return bytesOf(H, new Uint8Array(OUT_BYTES[hash]), OUT_BYTES[hash] / 4);
}

/** Whether HMAC(key, data) is `expected`, without allocating. */
export function kernelHmacEquals(hash: KernelHash, key: Uint8Array, data: Uint8Array, expected: Uint8Array): boolean {
  if (expected.length !== OUT_BYTES[hash]) return false;
  const H = hmacState(hash, key, data);
  for (let i = 0; i < expected.length; i += 4) {
    const w = H[i / 4]!;
    if (expected[i] !== w >>> 24 || expected[i + 1] !== ((w >>> 16) & 0xff) || expected[i + 2] !== ((w >>> 8) & 0xff) || expected[i + 3] !== (w & 0xff))
      return false;
  }
  return true;
}

// The auditor bench's floor: a bare loop of each format's key derivation and
// HMAC over the same wordlist, in the same Node, with nothing around it (no
// file streaming, threads, key forms or bookkeeping). "node" uses node:crypto,
// as a hand-written cracker would; "wasm" the engine's own hash-wasm primitive.
//   node audit-floor.mjs <job.json>   → prints {"keys":N,"ms":T}
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const lines = fs.readFileSync(job.wordlist).toString('latin1').split('\n').filter((l) => l !== '').slice(0, job.limit).map((l) => Buffer.from(l, 'latin1'));
const data = Buffer.from(job.data, 'latin1');
const expected = Buffer.from(job.expectedHex, 'hex');

let hmac = (hash, key, msg) => crypto.createHmac(hash, key).update(msg).digest();
let digest = (hash, ...parts) => {
  const h = crypto.createHash(hash);
  for (const p of parts) h.update(p);
  return h.digest();
};
if (job.mode === 'wasm') {
  const { loadWasmPrimitives } = await import(path.join(job.root, 'dist/server/audit/crypto/wasm-primitives.js'));
  const p = await loadWasmPrimitives();
  hmac = p.hmac;
  digest = p.digest;
}
const eq = (a) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), expected) === 0;
const flaskSalt = Buffer.from('cookie-session');
const djangoSalt = Buffer.from('django.contrib.sessions.backends.signed_cookiessigner');
const loops = {
  'cookie-session': (c) => eq(hmac('sha1', c, data)),
  flask: (c) => eq(hmac('sha1', hmac('sha1', c, flaskSalt), data)),
  'express-session': (c) => eq(hmac('sha256', c, data)),
  django: (c) => eq(hmac('sha256', digest('sha256', djangoSalt, c), data)),
  jwt: (c) => eq(hmac('sha256', c, data)),
  // Rails tries both key generators (SHA-1 before 7, SHA-256 in 7); PBKDF2 is native either way.
  rails: (c) => eq(hmac('sha1', crypto.pbkdf2Sync(c, 'signed cookie', 1000, 64, 'sha1'), data)) || eq(hmac('sha1', crypto.pbkdf2Sync(c, 'signed cookie', 1000, 64, 'sha256'), data)),
  laravel: (c) => c.length === 32 && eq(hmac('sha256', c, data)),
};
const loop = loops[job.format];
for (let i = 0; i < Math.min(2000, lines.length); i++) loop(lines[i]); // warm up
const start = performance.now();
let hits = 0;
for (const c of lines) if (loop(c)) hits++;
const ms = performance.now() - start;
console.log(JSON.stringify({ keys: lines.length, ms, hits }));

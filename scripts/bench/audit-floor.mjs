// The auditor bench's floor: a bare loop of each format's key derivation and
// HMAC over the same wordlist, in the same Node, with nothing around it (no
// file streaming, threads, key forms or bookkeeping). "node" uses node:crypto,
// as a hand-written cracker would; "engine" the engine's own crack primitives.
//   node audit-floor.mjs <job.json>   → prints {"keys":N,"ms":T}
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const lines = fs
  .readFileSync(job.wordlist)
  .toString('latin1')
  .split('\n')
  .filter((l) => l !== '')
  .slice(0, job.limit)
  .map((l) => Buffer.from(l, 'latin1'));
const data = Buffer.from(job.data, 'latin1');
const expected = Buffer.from(job.expectedHex, 'hex');

let hmac = (hash, key, msg) => crypto.createHmac(hash, key).update(msg).digest();
let digest = (hash, ...parts) => {
  const h = crypto.createHash(hash);
  for (const p of parts) h.update(p);
  return h.digest();
};
const eq = (a) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), expected) === 0;
let check = (hash, key, msg) => eq(hmac(hash, key, msg));
if (job.mode === 'engine') {
  const { loadCrackPrimitives } = await import(path.join(job.root, 'dist/server/audit/crypto/crack-primitives.js'));
  const p = await loadCrackPrimitives();
  hmac = p.hmac;
  digest = p.digest;
  check = (hash, key, msg) => p.hmacEquals(hash, key, msg, expected);
}
const flaskSalt = Buffer.from('cookie-session');
const djangoSalt = Buffer.from('django.contrib.sessions.backends.signed_cookiessigner');
const loops = {
  'cookie-session': (c) => check('sha1', c, data),
  flask: (c) => check('sha1', hmac('sha1', c, flaskSalt), data),
  'express-session': (c) => check('sha256', c, data),
  django: (c) => check('sha256', digest('sha256', djangoSalt, c), data),
  jwt: (c) => check('sha256', c, data),
  // Rails tries both key generators (SHA-1 before 7, SHA-256 in 7); PBKDF2 is native either way.
  rails: (c) =>
    check('sha1', crypto.pbkdf2Sync(c, 'signed cookie', 1000, 64, 'sha1'), data) ||
    check('sha1', crypto.pbkdf2Sync(c, 'signed cookie', 1000, 64, 'sha256'), data),
  laravel: (c) => c.length === 32 && check('sha256', c, data),
};
const loop = loops[job.format];
for (let i = 0; i < Math.min(2000, lines.length); i++) loop(lines[i]); // warm up
const start = performance.now();
let hits = 0;
for (const c of lines) if (loop(c)) hits++;
const ms = performance.now() - start;
console.log(JSON.stringify({ keys: lines.length, ms, hits }));

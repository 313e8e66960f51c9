// The Node formats against their real libraries: cookie-session (keygrip SHA-1
// and SHA-256, over HTTP), express-session (cookie-signature, over HTTP) and
// jsonwebtoken; and Laravel's documented construction, checked by a round trip.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import cookieSession from 'cookie-session';
import signature from 'cookie-signature';
import express from 'express';
import session from 'express-session';
import jsonwebtoken from 'jsonwebtoken';
import Keygrip from 'keygrip';
import { afterEach, describe, expect, it } from 'vitest';
import { examine, resign, signNew, verifyTarget } from '../../../../server/audit/session-auditor';
import { crack, jsonOf, text } from '../../../support/audit-crack';
import { strongKey } from '../../../support/test-keys';

const bytes = (s: string) => Buffer.from(s);
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(app: http.RequestListener): Promise<string> {
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Set-Cookie name=value pairs of a response, as a Cookie header. */
const cookieHeader = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

describe.each(['sha1', 'sha256'] as const)('cookie-session with keygrip %s', (hash) => {
  async function app(key: string) {
    const a = express();
    a.use(cookieSession({ name: 'sess', keys: new Keygrip([key], hash) }));
    a.get('/login', (req, res) => {
      req.session = { user: 'alice', visits: 1 };
      res.send('ok');
    });
    a.get('/whoami', (req, res) => res.json(req.session ?? null));
    return listen(a);
  }

  it('decode, verify, crack and sign against the real cookie-session', async () => {
    const key = strongKey();
    const url = await app(key);
    const header = cookieHeader(await fetch(`${url}/login`));
    const [c, ...rest] = examine(header);
    expect(rest).toEqual([]); // the .sig belongs to its cookie
    expect(c!.target).toMatchObject({ format: 'cookie-session', name: 'sess' });
    expect(jsonOf(c!.decoded!.payload)).toEqual({ user: 'alice', visits: 1 });
    expect(verifyTarget(c!.target!, bytes(key))).toMatchObject({ valid: true, variant: `keygrip HMAC-${hash.toUpperCase()}` });
    expect(verifyTarget(c!.target!, bytes(strongKey()))).toMatchObject({ valid: false });
    const forged = signNew('cookie-session', { name: 'sess', payload: '{"user":"admin"}', secret: bytes(key), options: { digest: hash } });
    const cookies = forged.cookies.map((x) => `${x.name}=${x.value}`).join('; ');
    expect(await (await fetch(`${url}/whoami`, { headers: { cookie: cookies } })).json()).toEqual({ user: 'admin' });
  });

  it('crack: the keyboard cat falls', async () => {
    const header = cookieHeader(await fetch(`${await app('keyboard cat')}/login`));
    const report = await crack([examine(header)[0]!.target!]);
    expect(text(report.found[0]?.candidate)).toBe('keyboard cat');
  });
});

describe('express-session (cookie-signature)', () => {
  async function app(secret: string) {
    const a = express();
    a.use(session({ secret, resave: false, saveUninitialized: false }));
    a.get('/login', (req, res) => {
      (req.session as unknown as { user: string }).user = 'alice';
      res.send((req as unknown as { sessionID: string }).sessionID);
    });
    a.get('/whoami', (req, res) =>
      res.json({ sid: (req as unknown as { sessionID: string }).sessionID, user: (req.session as unknown as { user?: string }).user ?? null }),
    );
    return listen(a);
  }

  it('decode shows the session ID and says the data is on the server; verify, crack and sign', async () => {
    const secret = strongKey();
    const url = await app(secret);
    const res = await fetch(`${url}/login`);
    const sid = await res.text();
    const header = cookieHeader(res);
    expect(header).toMatch(/^connect\.sid=s%3A/);
    const [c] = examine(header);
    expect(c!.target?.format).toBe('express-session');
    expect(c!.decoded!.facts[0]).toEqual({ label: 'session ID', value: sid });
    expect(c!.decoded!.payload).toEqual({
      kind: 'hidden',
      reason: "The session's data lives on the server, in express-session's store; the cookie holds only its ID.",
    });
    expect(verifyTarget(c!.target!, bytes(secret))).toMatchObject({ valid: true });
    expect(verifyTarget(c!.target!, bytes(strongKey()))).toMatchObject({ valid: false });
    // Signing that ID again gives the very cookie express-session set; the server takes it.
    const ours = signNew('express-session', { name: 'connect.sid', payload: sid, secret: bytes(secret) }).cookies[0]!;
    expect(`${ours.name}=${ours.value}`).toBe(header);
    expect(signature.unsign(decodeURIComponent(ours.value).slice(2), secret)).toBe(sid);
    expect(await (await fetch(`${url}/whoami`, { headers: { cookie: `${ours.name}=${ours.value}` } })).json()).toEqual({ sid, user: 'alice' });
  });

  it('crack: the documentation\'s "keyboard cat" falls', async () => {
    const header = cookieHeader(await fetch(`${await app('keyboard cat')}/login`));
    const report = await crack([examine(header)[0]!.target!]);
    expect(text(report.found[0]?.candidate)).toBe('keyboard cat');
  });
});

describe.each(['HS256', 'HS384', 'HS512'] as const)('JWT %s (jsonwebtoken)', (alg) => {
  const digest = ({ HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const)[alg];

  it('decode, verify, crack, sign byte for byte, and jsonwebtoken verifies a re-signed token', async () => {
    const key = strongKey();
    const token = jsonwebtoken.sign({ sub: 'alice', admin: false }, key, { algorithm: alg, noTimestamp: true });
    const [c] = examine(`token=${token}`);
    expect(c!.target?.format).toBe('jwt');
    expect(jsonOf(c!.decoded!.payload)).toEqual({ sub: 'alice', admin: false });
    expect(verifyTarget(c!.target!, bytes(key))).toMatchObject({ valid: true, variant: alg });
    expect(verifyTarget(c!.target!, bytes(strongKey()))).toMatchObject({ valid: false });
    expect(signNew('jwt', { name: 'token', payload: '{"sub":"alice","admin":false}', secret: bytes(key), options: { digest } }).cookies[0]!.value).toBe(token);
    const withIat = jsonwebtoken.sign({ sub: 'alice' }, key, { algorithm: alg, expiresIn: 60 });
    const re = resign(examine(withIat)[0]!.target!, bytes(key)).cookies[0]!.value;
    expect(jsonwebtoken.verify(re, key, { algorithms: [alg] })).toMatchObject({ sub: 'alice' });
    const weak = jsonwebtoken.sign({ sub: 'bob' }, 'secret', { algorithm: alg });
    expect(text((await crack([examine(weak)[0]!.target!])).found[0]?.candidate)).toBe('secret');
  });
});

describe('Laravel (Illuminate Encrypter, built from its documented construction)', () => {
  const appKey = `base64:${crypto.randomBytes(32).toString('base64')}`;
  const raw = Buffer.from(appKey.slice(7), 'base64');

  /** Laravel's encrypt(): openssl_encrypt → base64, MAC over base64(iv) . value, JSON, base64. */
  function laravelEncrypt(plain: string, key: Buffer, cipher: 'aes-256-cbc' | 'aes-256-gcm'): string {
    const gcm = cipher === 'aes-256-gcm';
    const iv = crypto.randomBytes(gcm ? 12 : 16);
    const c = crypto.createCipheriv(cipher, key, iv) as crypto.CipherGCM;
    const value = Buffer.concat([c.update(plain), c.final()]).toString('base64');
    const ivB64 = iv.toString('base64');
    const mac = gcm
      ? ''
      : crypto
          .createHmac('sha256', key)
          .update(ivB64 + value)
          .digest('hex');
    const tag = gcm ? c.getAuthTag().toString('base64') : '';
    return Buffer.from(JSON.stringify({ iv: ivB64, value, mac, tag })).toString('base64');
  }
  const prefix = (name: string, key: Buffer) => `${crypto.createHmac('sha1', key).update(`${name}v2`).digest('hex')}|`;

  it.each(['aes-256-cbc', 'aes-256-gcm'] as const)('%s: decode, verify with APP_KEY (with or without "base64:"), reveal, crack, sign', async (cipher) => {
    const cookie = encodeURIComponent(laravelEncrypt(`${prefix('laravel_session', raw)}Zm9vYmFyc2Vzc2lvbmlk`, raw, cipher));
    const [c] = examine(`XSRF-TOKEN=abc; laravel_session=${cookie}`).filter((x) => x.target !== null);
    expect(c!.target?.format).toBe('laravel');
    expect(c!.decoded!.facts[0]!.value).toContain(cipher === 'aes-256-gcm' ? 'GCM' : 'CBC');
    const verdict = verifyTarget(c!.target!, bytes(appKey));
    expect(verdict).toMatchObject({ valid: true, payload: { kind: 'text', text: 'Zm9vYmFyc2Vzc2lvbmlk' } });
    expect(verifyTarget(c!.target!, raw)).toMatchObject({ valid: true });
    expect(verifyTarget(c!.target!, bytes(`base64:${crypto.randomBytes(32).toString('base64')}`))).toMatchObject({ valid: false });
    // The round trip: what the auditor encrypts, the documented decryption opens, prefix and all.
    const ours = signNew('laravel', {
      name: 'laravel_session',
      payload: 'forged-id',
      secret: bytes(appKey),
      options: { laravelCipher: cipher === 'aes-256-gcm' ? 'gcm' : 'cbc' },
    }).cookies[0]!;
    const p = JSON.parse(Buffer.from(decodeURIComponent(ours.value), 'base64').toString()) as { iv: string; value: string; mac: string; tag: string };
    if (cipher === 'aes-256-cbc')
      expect(p.mac).toBe(
        crypto
          .createHmac('sha256', raw)
          .update(p.iv + p.value)
          .digest('hex'),
      );
    const d = crypto.createDecipheriv(cipher, raw, Buffer.from(p.iv, 'base64')) as crypto.DecipherGCM;
    if (cipher === 'aes-256-gcm') d.setAuthTag(Buffer.from(p.tag, 'base64'));
    expect(Buffer.concat([d.update(p.value, 'base64'), d.final()]).toString()).toBe(`${prefix('laravel_session', raw)}forged-id`);
    expect(verifyTarget(examine(`laravel_session=${resign(c!.target!, bytes(appKey)).cookies[0]!.value}`)[0]!.target!, bytes(appKey))).toMatchObject({
      payload: { text: 'Zm9vYmFyc2Vzc2lvbmlk' },
    });
  });

  it('crack: a published APP_KEY falls in its "base64:" form', async () => {
    const published = 'base64:UGo4Nd081KdS8CW2yYPWkmloA/rFxl6AxH3cCy9Qh4w=';
    const key = Buffer.from(published.slice(7), 'base64');
    const target = examine(`laravel_session=${laravelEncrypt(`${prefix('laravel_session', key)}x`, key, 'aes-256-cbc')}`)[0]!.target!;
    expect((await crack([target], undefined, ['raw'])).found).toEqual([]);
    const report = await crack([target]);
    expect(report.found[0]).toMatchObject({ form: 'laravel' });
    expect(text(report.found[0]!.candidate)).toBe(published);
  });
});

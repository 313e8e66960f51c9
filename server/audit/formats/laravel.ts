// Laravel's encrypted cookies (Illuminate\Encryption\Encrypter, EncryptCookies):
// base64(JSON {"iv","value","mac","tag"}), value = base64(openssl_encrypt(...)).
//   AES-256-CBC (the default) or AES-128-CBC: mac = hex HMAC-SHA256(key, iv . value),
//     both still base64 text; tag "".
//   AES-256-GCM / AES-128-GCM: mac "", tag = base64(16-byte GCM tag).
// The key is APP_KEY ("base64:" + 32 random bytes, decoded). The plaintext of a
// cookie starts with hex HMAC-SHA1(key, <cookie name> + "v2") + "|" (Laravel 6.18+).
import crypto from 'node:crypto';
import { base64StrictDecode } from '../codec/base64';
import { parseJsonTree, toPlain } from '../codec/json-tree';
import { nodePrimitives, utf8 } from '../crypto/primitives';
import { SignError, type CookieFormat, type Hypothesis, type PayloadView } from './format';
import { payloadView } from './payload';

interface LaravelCookie {
  name: string | null;
  aead: boolean;
  ivText: string;
  valueText: string;
  iv: Buffer;
  ciphertext: Buffer;
  mac: Buffer | null;
  tag: Buffer | null;
}

/** AES key sizes Laravel supports: 16 (aes-128-*) and 32 (aes-256-*). */
const LARAVEL_KEY = { id: 'laravel', derive: (secret: Uint8Array) => (secret.length === 32 || secret.length === 16 ? secret : null) };

/** APP_KEY as Laravel reads it: "base64:" + base64, else the raw bytes. */
export function laravelAppKey(secret: Uint8Array): Uint8Array {
  const text = Buffer.from(secret).toString('latin1');
  if (!text.startsWith('base64:')) return secret;
  return Buffer.from(text.slice(7), 'base64');
}

const cipherName = (key: Uint8Array, aead: boolean) => `aes-${key.length * 8}-${aead ? 'gcm' : 'cbc'}`;

function decrypt(c: LaravelCookie, key: Uint8Array): Buffer | null {
  try {
    const d = crypto.createDecipheriv(cipherName(key, c.aead), key, c.iv) as crypto.DecipherGCM;
    if (c.aead) d.setAuthTag(c.tag!);
    return Buffer.concat([d.update(c.ciphertext), d.final()]);
  } catch {
    return null;
  }
}

export function laravelCookiePrefix(name: string, key: Uint8Array): string {
  return `${Buffer.from(nodePrimitives.hmac('sha1', key, utf8(`${name}v2`))).toString('hex')}|`;
}

export const laravel: CookieFormat<LaravelCookie> = {
  id: 'laravel',
  title: 'Laravel encrypted cookie (Illuminate Encrypter)',
  parse(target) {
    const outer = base64StrictDecode(target.value) ?? base64StrictDecode(target.value.padEnd(Math.ceil(target.value.length / 4) * 4, '='));
    if (outer === null || outer[0] !== 0x7b) return null;
    let json: unknown;
    try {
      json = toPlain(parseJsonTree(outer.toString('utf8')));
    } catch {
      return null;
    }
    const p = json as { iv?: unknown; value?: unknown; mac?: unknown; tag?: unknown };
    if (typeof p.iv !== 'string' || typeof p.value !== 'string' || typeof p.mac !== 'string') return null;
    const iv = base64StrictDecode(p.iv);
    const ciphertext = base64StrictDecode(p.value);
    if (iv === null || ciphertext === null) return null;
    const aead = typeof p.tag === 'string' && p.tag !== '';
    const tag = aead ? base64StrictDecode(p.tag as string) : null;
    if (aead ? iv.length !== 12 || tag === null || tag.length !== 16 : iv.length !== 16 || !/^[0-9a-f]{64}$/.test(p.mac)) return null;
    return { name: target.name, aead, ivText: p.iv, valueText: p.value, iv, ciphertext, mac: aead ? null : Buffer.from(p.mac, 'hex'), tag };
  },
  decode(c) {
    return {
      format: 'laravel',
      title: this.title,
      name: c.name,
      facts: [
        { label: 'cipher', value: c.aead ? 'AES-GCM (tag in the cookie, no MAC)' : 'AES-CBC with an HMAC-SHA256 MAC over iv . value' },
        { label: 'key', value: 'APP_KEY (32 bytes for AES-256, written "base64:…" in .env)' },
      ],
      payload: { kind: 'hidden', reason: 'Encrypted: verify or crack it with APP_KEY to read it.' },
      notes: ['A guessed APP_KEY decrypts every cookie and session and forges any; in apps that unserialize cookies it is code execution.'],
    };
  },
  configuredKey: laravelAppKey,
  hypotheses(c) {
    const macData = utf8(c.ivText + c.valueText);
    const h: Hypothesis = c.aead
      ? { schedule: LARAVEL_KEY, variant: 'AES-GCM', check: (key) => decrypt(c, key) !== null }
      : { schedule: LARAVEL_KEY, variant: 'AES-CBC + HMAC-SHA256', check: (key, p) => p.hmacEquals('sha256', key, macData, c.mac!) };
    return [h];
  },
  reveal(c, secret) {
    const key = laravelAppKey(secret);
    const plain = decrypt(c, key);
    if (plain === null) return { kind: 'hidden', reason: 'This key does not decrypt it.' };
    const text = plain.toString('latin1');
    const prefix = c.name === null ? null : laravelCookiePrefix(c.name, key);
    const view: PayloadView = prefix !== null && text.startsWith(prefix) ? payloadView(plain.subarray(prefix.length)) : payloadView(plain);
    return view;
  },
  sign(req) {
    const key = req.secret;
    if (key.length !== 32 && key.length !== 16)
      throw new SignError(`A Laravel key is 32 bytes (AES-256) or 16 (AES-128); this one is ${key.length}. Give APP_KEY as "base64:…".`);
    const name = req.name ?? 'laravel_session';
    const aead = req.options.laravelCipher === 'gcm';
    const iv = crypto.randomBytes(aead ? 12 : 16);
    const c = crypto.createCipheriv(cipherName(key, aead), key, iv) as crypto.CipherGCM;
    const plain = Buffer.concat([Buffer.from(laravelCookiePrefix(name, key), 'latin1'), utf8(req.payload)]);
    const value = Buffer.concat([c.update(plain), c.final()]).toString('base64');
    const ivText = iv.toString('base64');
    const tag = aead ? c.getAuthTag().toString('base64') : '';
    const mac = aead ? '' : Buffer.from(nodePrimitives.hmac('sha256', key, utf8(ivText + value))).toString('hex');
    // json_encode(compact('iv', 'value', 'mac', 'tag'), JSON_UNESCAPED_SLASHES): base64 needs no other escaping.
    const json = `{"iv":${JSON.stringify(ivText)},"value":${JSON.stringify(value)},"mac":${JSON.stringify(mac)},"tag":${JSON.stringify(tag)}}`;
    return {
      cookies: [{ name, value: encodeURIComponent(Buffer.from(json).toString('base64')) }],
      summary: `Laravel ${cipherName(key, aead).toUpperCase()}${aead ? '' : ' + HMAC-SHA256'}, cookie-name prefix`,
    };
  },
  resignRequest(c, secret, now, payload) {
    const key = laravelAppKey(secret);
    let text = payload;
    if (text === undefined) {
      const plain = decrypt(c, key);
      if (plain === null) throw new SignError('Without a new payload, only a cookie this key decrypts can be re-encrypted.');
      const prefix = c.name === null ? '' : laravelCookiePrefix(c.name, key);
      text = plain.toString('utf8').startsWith(prefix) ? plain.toString('utf8').slice(prefix.length) : plain.toString('utf8');
    }
    return { name: c.name, payload: text, secret: key, now, options: { laravelCipher: c.aead ? 'gcm' : 'cbc' } };
  },
};

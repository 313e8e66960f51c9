// Django's signed_cookies session backend (django.core.signing.dumps, compress=True):
// [.]base64url(json or zlib(json)) ":" base62(timestamp) ":" base64url(sig), where
// sig = HMAC(key, everything before the last ":") and key = hash(salt + "signer" +
// SECRET_KEY) (salted_hmac). The hash is SHA-1 up to Django 3.0 and SHA-256 from
// 3.1. The JSON is json.dumps(separators=(',', ':')): ASCII-escaped, keys in order.
import { base64UrlDecode, base64UrlEncode } from '../codec/base64';
import { base62Decode, base62Encode } from '../codec/base62';
import { stringifyJsonTree } from '../codec/json-tree';
import { nodePrimitives, utf8, type HashName, type Primitives } from '../crypto/primitives';
import { SignError, type CookieFormat, type Hypothesis } from './format';
import { inflate, jsonPayload, maybeCompress, payloadView, utcDate } from './payload';

export const DJANGO_SESSION_SALT = 'django.contrib.sessions.backends.signed_cookies';

interface DjangoCookie {
  name: string | null;
  compressed: boolean;
  payload: Buffer;
  timestamp: number;
  signedData: Buffer;
  signature: Buffer;
  hash: 'sha1' | 'sha256';
  salt: string;
}

const VERSION: Record<'sha1' | 'sha256', string> = { sha1: 'Django 3.0 and earlier (SHA-1)', sha256: 'Django 3.1 and later (SHA-256)' };

export function djangoKey(p: Primitives, hash: HashName, salt: string, secret: Uint8Array): Uint8Array {
  return p.digest(hash, utf8(`${salt}signer`), secret);
}

export const django: CookieFormat<DjangoCookie> = {
  id: 'django',
  title: 'Django signed_cookies session',
  parse(target) {
    const parts = target.value.split(':');
    if (parts.length !== 3) return null;
    const [data, ts, sig] = parts as [string, string, string];
    const compressed = data.startsWith('.');
    const raw = base64UrlDecode(compressed ? data.slice(1) : data);
    const signature = base64UrlDecode(sig);
    const timestamp = base62Decode(ts);
    if (raw === null || raw.length === 0 || signature === null || timestamp === null) return null;
    const hash = target.options?.digest ?? (signature.length === 20 ? 'sha1' : signature.length === 32 ? 'sha256' : null);
    if (hash !== 'sha1' && hash !== 'sha256') return null;
    const payload = compressed ? inflate(raw) : raw;
    if (payload === null) return null;
    return {
      name: target.name,
      compressed,
      payload,
      timestamp,
      signedData: utf8(target.value.slice(0, target.value.lastIndexOf(':'))),
      signature,
      hash,
      salt: target.options?.salt ?? DJANGO_SESSION_SALT,
    };
  },
  decode(c) {
    return {
      format: 'django',
      title: this.title,
      name: c.name,
      facts: [
        { label: 'signed at', value: utcDate(c.timestamp) },
        { label: 'compressed', value: c.compressed ? 'yes (zlib, marked by the leading ".")' : 'no' },
        { label: 'signature', value: `${VERSION[c.hash]}: HMAC with key ${c.hash.toUpperCase()}(salt + "signer" + SECRET_KEY), salt "${c.salt}"` },
      ],
      payload: payloadView(c.payload, 'not JSON text: perhaps PickleSerializer (Django < 4.1), which a forged cookie turns into code execution'),
      notes: ['The session is only signed, not encrypted: anyone holding the cookie can read it.'],
    };
  },
  hypotheses(c) {
    const h: Hypothesis = {
      schedule: { id: `django:${c.hash}:${c.salt}`, derive: (secret, p) => djangoKey(p, c.hash, c.salt, secret) },
      variant: VERSION[c.hash],
      check: (key, p) => p.hmacEquals(c.hash, key, c.signedData, c.signature),
    };
    return [h];
  },
  sign(req) {
    const hash = req.options.digest ?? 'sha256';
    if (hash !== 'sha1' && hash !== 'sha256') throw new SignError('Django signs with sha1 (3.0 and earlier) or sha256 (3.1 and later).');
    const salt = req.options.salt ?? DJANGO_SESSION_SALT;
    const json = Buffer.from(stringifyJsonTree(jsonPayload(req.payload), { dialect: 'python', sortKeys: false }), 'latin1');
    const { bytes, compressed } = maybeCompress(json);
    const signedData = `${compressed ? '.' : ''}${base64UrlEncode(bytes)}:${base62Encode(Math.floor(req.now))}`;
    const sig = base64UrlEncode(nodePrimitives.hmac(hash, djangoKey(nodePrimitives, hash, salt, req.secret), utf8(signedData)));
    return {
      cookies: [{ name: req.name ?? 'sessionid', value: `${signedData}:${sig}` }],
      summary: `Django: ${VERSION[hash]}, salt "${salt}", zlib ${compressed ? 'yes' : 'no'}`,
    };
  },
  resignRequest(c, secret, now, payload) {
    return { name: c.name, payload: payload ?? c.payload.toString('latin1'), secret, now, options: { digest: c.hash, salt: c.salt } };
  },
};

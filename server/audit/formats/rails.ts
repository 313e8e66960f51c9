// Rails cookies (ActionDispatch::Cookies on ActiveSupport's MessageVerifier and
// MessageEncryptor), keyed from secret_key_base by PBKDF2 with 1000 iterations
// (HMAC-SHA1 before Rails 7, HMAC-SHA256 in 7) and a salt per kind:
//   signed:        base64(data) "--" hex(HMAC(PBKDF2("signed cookie", 64 bytes), base64(data)))
//   encrypted 5.2+: base64(ct) "--" base64(iv) "--" base64(tag), AES-256-GCM keyed by
//                  PBKDF2("authenticated encrypted cookie", 32 bytes)
//   encrypted 4–5.1: the signed form (salt "signed encrypted cookie") of
//                  base64(ct) "--" base64(iv), AES-256-CBC keyed by PBKDF2("encrypted cookie", 32 bytes)
// From 5.2 the data is wrapped as {"_rails":{"message":base64(json),"exp":…,"pur":"cookie.<name>"}}.
import crypto from 'node:crypto';
import { base64StrictDecode } from '../codec/base64';
import { parseJsonTree, stringifyJsonTree, toPlain } from '../codec/json-tree';
import { nodePrimitives, utf8, type HashName } from '../crypto/primitives';
import { SignError, type CookieFormat, type Decoded, type FormatOptions, type Hypothesis, type PayloadView } from './format';
import { jsonPayload, payloadView } from './payload';

type Kdf = 'sha1' | 'sha256';
type Kind = 'signed' | 'encrypted' | 'encrypted-cbc';

interface RailsCookie {
  name: string | null;
  kind: Kind;
  /** signed: the verified text; encrypted-cbc: the signed blob. */
  data: string;
  hexDigest: Buffer | null;
  digest: HashName;
  ciphertext: Buffer | null;
  iv: Buffer | null;
  tag: Buffer | null;
  kdfs: Kdf[];
}

const SALT = { signed: 'signed cookie', gcm: 'authenticated encrypted cookie', cbc: 'encrypted cookie', cbcSign: 'signed encrypted cookie' } as const;
const ITERATIONS = 1000;
const RAILS_VERSION: Record<Kdf, string> = { sha1: 'Rails before 7 (PBKDF2-HMAC-SHA1)', sha256: 'Rails 7 (PBKDF2-HMAC-SHA256)' };

export function railsKey(secret: Uint8Array, salt: string, bytes: number, kdf: Kdf): Buffer {
  return crypto.pbkdf2Sync(secret, salt, ITERATIONS, bytes, kdf);
}

function schedule(salt: string, bytes: number, kdf: Kdf) {
  return { id: `rails:${kdf}:${bytes}:${salt}`, derive: (secret: Uint8Array) => railsKey(secret, salt, bytes, kdf) };
}

const DIGEST_BY_HEX: Record<number, HashName> = { 40: 'sha1', 64: 'sha256', 128: 'sha512' };

const kdfOf = (h: Hypothesis): Kdf => (h.schedule.id.startsWith('rails:sha256') ? 'sha256' : 'sha1');

/** The cookie's value as the key opens it (signed: as it is), or null when it does not. */
function open(c: RailsCookie, secret: Uint8Array, kdf: Kdf): ReturnType<typeof unwrap> | null {
  if (c.kind === 'signed') return unwrap(base64StrictDecode(c.data)!);
  if (c.kind === 'encrypted') {
    const plain = gcmOpen(railsKey(secret, SALT.gcm, 32, kdf), c);
    return plain === null ? null : unwrap(plain);
  }
  try {
    const d = crypto.createDecipheriv('aes-256-cbc', railsKey(secret, SALT.cbc, 32, kdf), c.iv!);
    return unwrap(Buffer.concat([d.update(c.ciphertext!), d.final()]));
  } catch {
    return null;
  }
}

function gcmOpen(key: Uint8Array, c: RailsCookie): Buffer | null {
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key, c.iv!);
    d.setAuthTag(c.tag!);
    d.setAAD(Buffer.alloc(0));
    return Buffer.concat([d.update(c.ciphertext!), d.final()]);
  } catch {
    return null;
  }
}

/** The value inside Rails' metadata envelope, and the envelope's facts. */
function unwrap(bytes: Buffer): { view: PayloadView; facts: Decoded['facts']; envelope: 'message' | 'data' | 'none' } {
  if (bytes[0] === 0x04 && bytes[1] === 0x08)
    return {
      view: { kind: 'bytes', base64: bytes.toString('base64'), note: 'Ruby Marshal (cookies_serializer :marshal): a forged one is code execution' },
      facts: [],
      envelope: 'none',
    };
  try {
    const outer = toPlain(parseJsonTree(bytes.toString('utf8'))) as { _rails?: { message?: unknown; data?: unknown; exp?: unknown; pur?: unknown } };
    const r = outer?._rails;
    if (r !== undefined && typeof r === 'object' && r !== null) {
      const facts = [
        { label: 'purpose', value: r.pur === null || r.pur === undefined ? 'none' : String(r.pur) },
        { label: 'expires', value: r.exp === null || r.exp === undefined ? 'never (until the browser drops it)' : String(r.exp) },
      ];
      if (typeof r.message === 'string') {
        const inner = base64StrictDecode(r.message);
        if (inner !== null) return { ...unwrap(inner), facts, envelope: 'message' };
      }
      if ('data' in r) return { view: { kind: 'json', tree: parseJsonTree(JSON.stringify(r.data)) }, facts, envelope: 'data' };
    }
  } catch {
    // Not an envelope: the bytes are the value itself.
  }
  return { view: payloadView(bytes), facts: [], envelope: 'none' };
}

export const rails: CookieFormat<RailsCookie> = {
  id: 'rails',
  title: 'Rails cookie (ActiveSupport MessageVerifier / MessageEncryptor)',
  parse(target) {
    const parts = target.value.split('--');
    const o: FormatOptions = target.options ?? {};
    const kdfs: Kdf[] = o.kdfDigest ? [o.kdfDigest] : ['sha1', 'sha256'];
    if (parts.length === 3) {
      const [ct, iv, tag] = parts.map(base64StrictDecode);
      if (!ct || !iv || !tag || iv.length !== 12 || tag.length !== 16) return null;
      return { name: target.name, kind: 'encrypted', data: '', hexDigest: null, digest: 'sha1', ciphertext: ct, iv, tag, kdfs };
    }
    if (parts.length !== 2) return null;
    const [data, hex] = parts as [string, string];
    const digest = DIGEST_BY_HEX[hex.length];
    const inner = base64StrictDecode(data);
    if (!digest || !/^[0-9a-f]+$/.test(hex) || inner === null || inner.length === 0) return null;
    const blob = inner.toString('latin1').split('--');
    if (blob.length === 2) {
      const [ct, iv] = blob.map(base64StrictDecode);
      if (ct && iv && iv.length === 16 && ct.length % 16 === 0 && ct.length > 0) {
        return {
          name: target.name,
          kind: 'encrypted-cbc',
          data,
          hexDigest: Buffer.from(hex, 'hex'),
          digest,
          ciphertext: ct,
          iv,
          tag: null,
          kdfs: o.kdfDigest ? kdfs : ['sha1'],
        };
      }
    }
    return { name: target.name, kind: 'signed', data, hexDigest: Buffer.from(hex, 'hex'), digest, ciphertext: null, iv: null, tag: null, kdfs };
  },
  decode(c) {
    const base = { format: 'rails' as const, title: this.title, name: c.name };
    if (c.kind === 'signed') {
      const { view, facts } = unwrap(base64StrictDecode(c.data)!);
      return {
        ...base,
        facts: [{ label: 'kind', value: `signed cookie: HMAC-${c.digest.toUpperCase()} (hex), key PBKDF2(secret_key_base, "signed cookie", 1000)` }, ...facts],
        payload: view,
        notes: ['A signed Rails cookie is readable by anyone holding it; only an encrypted one hides its value.'],
      };
    }
    const how =
      c.kind === 'encrypted'
        ? 'encrypted cookie, Rails 5.2+: AES-256-GCM, key PBKDF2(secret_key_base, "authenticated encrypted cookie", 1000)'
        : 'encrypted cookie, Rails 4.0 to 5.1: AES-256-CBC then HMAC-SHA1, keys PBKDF2(secret_key_base, "encrypted cookie" / "signed encrypted cookie", 1000)';
    return {
      ...base,
      facts: [{ label: 'kind', value: how }],
      payload: { kind: 'hidden', reason: 'Encrypted: verify or crack it with secret_key_base to read it.' },
      notes: ['Encryption hides the value, but a guessable secret_key_base opens it and lets anyone forge one.'],
    };
  },
  hypotheses(c) {
    return c.kdfs.map((kdf): Hypothesis => {
      if (c.kind === 'encrypted')
        return { schedule: schedule(SALT.gcm, 32, kdf), variant: `encrypted, ${RAILS_VERSION[kdf]}`, check: (key) => gcmOpen(key, c) !== null };
      const data = utf8(c.data);
      const salt = c.kind === 'signed' ? SALT.signed : SALT.cbcSign;
      return {
        schedule: schedule(salt, 64, kdf),
        variant: `${c.kind === 'signed' ? 'signed' : 'encrypted (CBC)'}, ${RAILS_VERSION[kdf]}`,
        check: (key, p) => p.hmacEquals(c.digest, key, data, c.hexDigest!),
      };
    });
  },
  reveal(c, secret, h) {
    return open(c, secret, kdfOf(h))?.view ?? { kind: 'hidden', reason: 'This key does not open it.' };
  },
  sign(req) {
    const kind = req.options.railsCookie ?? 'signed';
    const kdf: Kdf = req.options.kdfDigest ?? 'sha1';
    const envelope = req.options.railsEnvelope ?? 'message';
    const name = req.name ?? '_app_session';
    const tree = jsonPayload(req.payload);
    const json = stringifyJsonTree(tree, { dialect: 'rails' });
    const pur = `cookie.${name}`;
    const message =
      envelope === 'none'
        ? json
        : envelope === 'message'
          ? JSON.stringify({ _rails: { message: Buffer.from(json).toString('base64'), exp: null, pur } })
          : `{"_rails":{"data":${json},"pur":${JSON.stringify(pur)}}}`;
    let value: string;
    if (kind === 'signed' || kind === 'encrypted-cbc') {
      let data: string;
      if (kind === 'signed') data = Buffer.from(message).toString('base64');
      else {
        const iv = crypto.randomBytes(16);
        const c = crypto.createCipheriv('aes-256-cbc', railsKey(req.secret, SALT.cbc, 32, kdf), iv);
        const ct = Buffer.concat([c.update(message), c.final()]);
        data = Buffer.from(`${ct.toString('base64')}--${iv.toString('base64')}`).toString('base64');
      }
      const digest = req.options.digest ?? 'sha1';
      const key = railsKey(req.secret, kind === 'signed' ? SALT.signed : SALT.cbcSign, 64, kdf);
      value = `${data}--${crypto.createHmac(digest, key).update(data).digest('hex')}`;
    } else if (kind === 'encrypted') {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', railsKey(req.secret, SALT.gcm, 32, kdf), iv);
      c.setAAD(Buffer.alloc(0));
      const ct = Buffer.concat([c.update(message), c.final()]);
      value = `${ct.toString('base64')}--${iv.toString('base64')}--${c.getAuthTag().toString('base64')}`;
    } else throw new SignError(`Unknown Rails cookie kind "${String(kind)}".`);
    // Rack escapes cookie values (URI.encode_www_form_component); base64 needs only + / = escaped.
    return { cookies: [{ name, value: encodeURIComponent(value) }], summary: `Rails ${kind} cookie, ${RAILS_VERSION[kdf]}, envelope ${envelope}` };
  },
  resignRequest(c, secret, now, payload) {
    // The variant this key made (or, for a key that did not, the first), so the new cookie matches it.
    const made = rails.hypotheses(c).find((h) => {
      const key = h.schedule.derive(secret, nodePrimitives);
      return key !== null && h.check(key, nodePrimitives);
    });
    const kdf = made ? kdfOf(made) : c.kdfs[0]!;
    const opened = open(c, secret, kdf);
    let json = payload;
    if (json === undefined) {
      if (opened === null || opened.view.kind !== 'json')
        throw new SignError('Without a new payload, only a cookie this key opens and that holds JSON can be re-signed.');
      json = stringifyJsonTree(opened.view.tree, { dialect: 'rails' });
    }
    return {
      name: c.name,
      payload: json,
      secret,
      now,
      options: { railsCookie: c.kind, kdfDigest: kdf, digest: c.digest, railsEnvelope: opened?.envelope ?? 'message' },
    };
  },
};

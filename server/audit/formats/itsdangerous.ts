// itsdangerous' URL-safe (timed) serializer, and Flask's session on top of it.
//
// Value: [.]base64url(json or zlib(json)) [. base64url(timestamp)] . base64url(sig),
// sig = HMAC(derive_key(secret, salt), everything before the last dot). Flask
// sets salt "cookie-session", key derivation "hmac" (HMAC(secret, salt)) and
// SHA-1, sorts the JSON's keys and escapes non-ASCII. itsdangerous before 1.1
// wrote timestamps as seconds since 2011-01-01 (EPOCH below).
import { base64UrlDecode, base64UrlEncode } from '../codec/base64';
import { stringifyJsonTree, type JsonNode } from '../codec/json-tree';
import { hashForLength, nodePrimitives, utf8, type HashName, type Primitives } from '../crypto/primitives';
import type { AuditTarget, CookieFormat, FormatOptions, Hypothesis, KeyDerivation, SignRequest } from './format';
import { inflate, jsonPayload, maybeCompress, payloadView, utcDate } from './payload';

/** itsdangerous < 1.1: 2011-01-01T00:00:00Z. */
export const LEGACY_EPOCH = 1293840000;

export interface ItsdangerousCookie {
  format: 'flask' | 'itsdangerous';
  name: string | null;
  value: string;
  compressed: boolean;
  /** The payload's bytes (inflated when compressed). */
  payload: Buffer;
  timestamp: number | null;
  signedData: Buffer;
  signature: Buffer;
  salt: string;
  derivation: KeyDerivation;
  digest: HashName;
}

interface Params {
  salt: string;
  derivation: KeyDerivation;
  digest: HashName;
}

const FLASK: Params = { salt: 'cookie-session', derivation: 'hmac', digest: 'sha1' };
// URLSafeSerializer's own defaults.
const GENERIC: Params = { salt: 'itsdangerous', derivation: 'django-concat', digest: 'sha1' };

export function deriveItsdangerousKey(p: Primitives, params: Params, secret: Uint8Array, salt: Uint8Array): Uint8Array {
  switch (params.derivation) {
    case 'hmac':
      return p.hmac(params.digest, secret, salt);
    case 'django-concat':
      return p.digest(params.digest, salt, SIGNER, secret);
    case 'concat':
      return p.digest(params.digest, salt, secret);
    case 'none':
      return secret;
  }
}
const SIGNER = utf8('signer');

function split(value: string): { compressed: boolean; parts: string[] } | null {
  const compressed = value.startsWith('.');
  const parts = (compressed ? value.slice(1) : value).split('.');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '' || !/^[A-Za-z0-9_-]+$/.test(p))) return null;
  return { compressed, parts };
}

function parseWith(format: 'flask' | 'itsdangerous', target: AuditTarget, defaults: Params): ItsdangerousCookie | null {
  const shape = split(target.value);
  if (shape === null) return null;
  const { compressed, parts } = shape;
  const timed = parts.length === 3;
  if (format === 'flask' && !timed) return null;
  const raw = base64UrlDecode(parts[0]!);
  const signature = base64UrlDecode(parts.at(-1)!);
  if (raw === null || signature === null) return null;
  const payload = compressed ? inflate(raw) : raw;
  if (payload === null) return null;
  let timestamp: number | null = null;
  if (timed) {
    const ts = base64UrlDecode(parts[1]!);
    if (ts === null || ts.length === 0 || ts.length > 6) return null;
    timestamp = ts.readUIntBE(0, ts.length);
  }
  // Flask's payload is always JSON, which is what tells it apart from other dotted values.
  if (format === 'flask' && payloadView(payload).kind !== 'json') return null;
  const o: FormatOptions = target.options ?? {};
  const digest = o.digest ?? hashForLength(signature.length);
  if (digest === null) return null;
  return {
    format,
    name: target.name,
    value: target.value,
    compressed,
    payload,
    timestamp,
    signedData: utf8(target.value.slice(0, target.value.lastIndexOf('.'))),
    signature,
    salt: o.salt ?? defaults.salt,
    derivation: o.keyDerivation ?? defaults.derivation,
    digest,
  };
}

function describeTimestamp(ts: number): string {
  // A pre-1.1 timestamp counts from 2011, so read as 1970-based it lands before 2011.
  return ts < LEGACY_EPOCH ? `${utcDate(ts + LEGACY_EPOCH)}, itsdangerous < 1.1 epoch (2011-01-01)` : utcDate(ts);
}

function flaskTags(tree: JsonNode): string[] {
  const tags = new Set<string>();
  const names: Record<string, string> = { ' t': 'tuple', ' u': 'UUID', ' b': 'bytes (base64)', ' m': 'Markup', ' d': 'date', ' di': 'dict with a tagged key' };
  const walk = (n: JsonNode) => {
    if (n.kind === 'object') {
      if (n.entries.length === 1 && names[n.entries[0]![0]]) tags.add(`"${n.entries[0]![0]}" = ${names[n.entries[0]![0]]}`);
      for (const [, v] of n.entries) walk(v);
    } else if (n.kind === 'array') n.items.forEach(walk);
  };
  walk(tree);
  return [...tags];
}

function makeFormat(id: 'flask' | 'itsdangerous', title: string, defaults: Params): CookieFormat<ItsdangerousCookie> {
  return {
    id,
    title,
    parse: (target) => parseWith(id, target, defaults),
    decode(c) {
      const view = payloadView(c.payload);
      const tags = view.kind === 'json' && id === 'flask' ? flaskTags(view.tree) : [];
      return {
        format: id,
        title,
        name: c.name,
        facts: [
          ...(c.timestamp === null ? [] : [{ label: 'signed at', value: describeTimestamp(c.timestamp) }]),
          { label: 'compressed', value: c.compressed ? 'yes (zlib, marked by the leading ".")' : 'no' },
          { label: 'signature', value: `HMAC-${c.digest.toUpperCase()}, key derivation ${c.derivation}, salt "${c.salt}"` },
        ],
        payload: view,
        notes: [
          'The payload is only signed, not encrypted: anyone holding the cookie can read it.',
          ...(tags.length > 0 ? [`Flask's tagged JSON: ${tags.join(', ')}.`] : []),
        ],
      };
    },
    hypotheses(c) {
      const params: Params = { salt: c.salt, derivation: c.derivation, digest: c.digest };
      const salt = utf8(c.salt);
      const schedule = {
        id: `itsdangerous:${params.derivation}:${params.digest}:${Buffer.from(salt).toString('hex')}`,
        derive: (secret: Uint8Array, p: Primitives) => deriveItsdangerousKey(p, params, secret, salt),
      };
      const h: Hypothesis = {
        schedule,
        variant: `${id === 'flask' ? 'Flask' : 'itsdangerous'} HMAC-${c.digest.toUpperCase()}, ${c.derivation} key derivation, salt "${c.salt}"`,
        check: (key, p) => p.hmacEquals(params.digest, key, c.signedData, c.signature),
      };
      return [h];
    },
    sign(req: SignRequest) {
      const params: Params = {
        salt: req.options.salt ?? defaults.salt,
        derivation: req.options.keyDerivation ?? defaults.derivation,
        digest: req.options.digest ?? defaults.digest,
      };
      const json = utf8(stringifyJsonTree(jsonPayload(req.payload), { dialect: 'python', sortKeys: id === 'flask' }));
      const { bytes, compressed } = maybeCompress(json);
      const ts = Math.floor(req.now) - (req.options.legacyEpoch === true ? LEGACY_EPOCH : 0);
      const tsBytes = Buffer.alloc(8);
      tsBytes.writeBigUInt64BE(BigInt(ts));
      const firstByte = tsBytes.findIndex((b) => b !== 0);
      const signedData = `${compressed ? '.' : ''}${base64UrlEncode(bytes)}.${base64UrlEncode(tsBytes.subarray(firstByte < 0 ? 8 : firstByte))}`;
      const key = deriveItsdangerousKey(nodePrimitives, params, req.secret, utf8(params.salt));
      const value = `${signedData}.${base64UrlEncode(nodePrimitives.hmac(params.digest, key, utf8(signedData)))}`;
      return {
        cookies: [{ name: req.name ?? 'session', value }],
        summary: `${title}: HMAC-${params.digest.toUpperCase()}, ${params.derivation} key derivation, salt "${params.salt}", zlib ${compressed ? 'yes' : 'no'}${req.options.legacyEpoch ? ', itsdangerous < 1.1 epoch' : ''}`,
      };
    },
    resignRequest(c, secret, now, payload) {
      return {
        name: c.name,
        // Re-sign the very JSON the cookie holds; a new payload is written as the framework would.
        payload: payload ?? c.payload.toString('utf8'),
        secret,
        now,
        options: { salt: c.salt, keyDerivation: c.derivation, digest: c.digest, legacyEpoch: c.timestamp !== null && c.timestamp < LEGACY_EPOCH },
      };
    },
  };
}

export const flask = makeFormat('flask', 'Flask session (itsdangerous URLSafeTimedSerializer)', FLASK);
export const itsdangerous = makeFormat('itsdangerous', 'itsdangerous URL-safe serializer', GENERIC);

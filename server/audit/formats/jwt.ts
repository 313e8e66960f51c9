// JSON Web Tokens signed with HMAC (HS256/384/512): the signature covers the first
// two segments exactly as they appear, so a re-encoded header would not verify.
import { base64UrlDecode, base64UrlEncode } from '../codec/base64';
import { parseJsonTree, stringifyJsonTree, toPlain, type JsonNode } from '../codec/json-tree';
import { nodePrimitives, utf8, type HashName } from '../crypto/primitives';
import { SignError, type CookieFormat, type Hypothesis } from './format';
import { jsonPayload, payloadView } from './payload';

interface JwtCookie {
  name: string | null;
  header: Record<string, unknown>;
  headerPart: string;
  payload: Buffer;
  alg: string;
  hash: HashName | null;
  signedData: Buffer;
  signature: Buffer;
}

const HS: Record<string, HashName> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
const RAW = { id: 'raw', derive: (secret: Uint8Array) => secret };

export const jwt: CookieFormat<JwtCookie> = {
  id: 'jwt',
  title: 'JSON Web Token',
  parse(target) {
    const parts = target.value.split('.');
    if (parts.length !== 3) return null;
    const [h, p, s] = parts as [string, string, string];
    const headerBytes = base64UrlDecode(h);
    const payload = base64UrlDecode(p);
    const signature = base64UrlDecode(s);
    if (headerBytes === null || payload === null || signature === null) return null;
    let header: unknown;
    try {
      header = toPlain(parseJsonTree(headerBytes.toString('utf8')));
    } catch {
      return null;
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header) || typeof (header as { alg?: unknown }).alg !== 'string') return null;
    const alg = (header as { alg: string }).alg;
    return {
      name: target.name,
      header: header as Record<string, unknown>,
      headerPart: h,
      payload,
      alg,
      hash: HS[alg] ?? null,
      signedData: utf8(`${h}.${p}`),
      signature,
    };
  },
  decode(c) {
    const unverifiable =
      c.hash !== null
        ? undefined
        : c.alg.toLowerCase() === 'none'
          ? 'The token says alg "none": it carries no signature at all, and a server that accepts it accepts anything.'
          : `alg ${c.alg} is not an HMAC: its key is a public/private pair, not a secret a wordlist can guess.`;
    return {
      format: 'jwt',
      title: this.title,
      name: c.name,
      facts: [
        { label: 'header', value: JSON.stringify(c.header) },
        { label: 'signature', value: c.hash === null ? `${c.alg}` : `${c.alg}: HMAC-${c.hash.toUpperCase()} over "<header>.<payload>" as sent` },
      ],
      payload: payloadView(c.payload),
      notes: ['A JWT is signed, not encrypted: its claims are readable by anyone holding it.'],
      ...(unverifiable === undefined ? {} : { unverifiable }),
    };
  },
  hypotheses(c) {
    if (c.hash === null) return [];
    const hash = c.hash;
    const h: Hypothesis = { schedule: RAW, variant: c.alg, check: (key, p) => p.hmacEquals(hash, key, c.signedData, c.signature) };
    return [h];
  },
  sign(req) {
    const alg = (req.options.digest === 'sha384' ? 'HS384' : req.options.digest === 'sha512' ? 'HS512' : 'HS256') as keyof typeof HS;
    const tree = jsonPayload(req.payload);
    // jsonwebtoken's header and encoding: {"alg":…,"typ":"JWT"}, JSON.stringify, base64url.
    const header = base64UrlEncode(utf8(JSON.stringify({ alg, typ: 'JWT' })));
    const body = base64UrlEncode(utf8(stringifyJsonTree(tree, { dialect: 'javascript' })));
    const sig = base64UrlEncode(nodePrimitives.hmac(HS[alg]!, req.secret, utf8(`${header}.${body}`)));
    return { cookies: [{ name: req.name ?? 'token', value: `${header}.${body}.${sig}` }], summary: `JWT ${alg}` };
  },
  resignRequest(c, secret, now, payload) {
    if (c.hash === null) throw new SignError(`Cannot re-sign a ${c.alg} token with a secret: only HS256, HS384 and HS512 use one.`);
    let json = payload ?? c.payload.toString('utf8');
    if (payload === undefined) json = refreshIssuedAt(jsonPayload(json), now) ?? json;
    return { name: c.name, payload: json, secret, now, options: { digest: c.hash } };
  },
};

/** A fresh "iat", and "exp"/"nbf" moved by the same amount, so the token lives as long as before. */
function refreshIssuedAt(tree: JsonNode, now: number): string | null {
  const claims = toPlain(tree);
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
  const c = claims as Record<string, unknown>;
  if (typeof c.iat !== 'number') return null;
  const shift = Math.floor(now) - c.iat;
  c.iat = Math.floor(now);
  for (const k of ['exp', 'nbf']) if (typeof c[k] === 'number') c[k] = (c[k] as number) + shift;
  return JSON.stringify(c);
}

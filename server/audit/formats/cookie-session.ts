// Express cookie-session: base64 JSON in `<name>`, and in `<name>.sig` keygrip's
// HMAC of the text `<name>=<value>` (SHA-1 by default, any hash keygrip is given),
// base64url without padding.
import { base64LooseDecode, base64UrlDecode, base64UrlEncode } from '../codec/base64';
import { stringifyJsonTree } from '../codec/json-tree';
import { hashForLength, nodePrimitives, utf8, type HashName } from '../crypto/primitives';
import { SignError, type AuditTarget, type CookieFormat, type Hypothesis } from './format';
import { jsonPayload, payloadView } from './payload';

interface CookieSessionCookie {
  name: string;
  value: string;
  signature: Uint8Array | null;
  hash: HashName | null;
}

const RAW = { id: 'raw', derive: (secret: Uint8Array) => secret };

export const cookieSession: CookieFormat<CookieSessionCookie> = {
  id: 'cookie-session',
  title: 'Express cookie-session (keygrip)',
  parse(target: AuditTarget) {
    if (target.name === null) return null;
    const bytes = base64LooseDecode(target.value);
    if (bytes === null || bytes.length === 0 || bytes[0] !== 0x7b /* { */) return null;
    if (target.signature === undefined) return { name: target.name, value: target.value, signature: null, hash: null };
    const signature = base64UrlDecode(target.signature);
    const hash = signature === null ? null : (target.options?.digest ?? hashForLength(signature.length));
    return { name: target.name, value: target.value, signature, hash };
  },
  decode(c) {
    const bytes = base64LooseDecode(c.value) ?? Buffer.alloc(0);
    return {
      format: 'cookie-session',
      title: this.title,
      name: c.name,
      facts: [
        {
          label: 'signature',
          value:
            c.signature === null
              ? `none (no "${c.name}.sig" cookie in the input)`
              : `${c.name}.sig, HMAC-${(c.hash ?? 'unknown').toUpperCase()} of "${c.name}=<value>"`,
        },
      ],
      payload: payloadView(bytes),
      notes: ['The whole session is in the cookie, readable by anyone who has it; the signature only stops changes.'],
      ...(c.signature === null ? { unverifiable: `There is no "${c.name}.sig" cookie in the input to check a key against.` } : {}),
      ...(c.signature !== null && c.hash === null ? { unverifiable: 'The .sig is not the length of any HMAC keygrip makes.' } : {}),
    };
  },
  hypotheses(c) {
    if (c.signature === null || c.hash === null) return [];
    const data = utf8(`${c.name}=${c.value}`);
    const signature = c.signature;
    const hash = c.hash;
    const h: Hypothesis = { schedule: RAW, variant: `keygrip HMAC-${hash.toUpperCase()}`, check: (key, p) => p.hmacEquals(hash, key, data, signature) };
    return [h];
  },
  sign(req) {
    const name = req.name ?? 'session';
    const hash = req.options.digest ?? 'sha1';
    const tree = jsonPayload(req.payload);
    if (tree.kind !== 'object') throw new SignError('A cookie-session payload must be a JSON object, such as {"username":"admin"}.');
    // cookie-session writes Buffer.from(JSON.stringify(session)).toString('base64').
    const value = Buffer.from(stringifyJsonTree(tree, { dialect: 'javascript' })).toString('base64');
    const sig = base64UrlEncode(nodePrimitives.hmac(hash, req.secret, utf8(`${name}=${value}`)));
    return {
      cookies: [
        { name, value },
        { name: `${name}.sig`, value: sig },
      ],
      summary: `cookie-session: keygrip HMAC-${hash.toUpperCase()} over "${name}=<value>"`,
    };
  },
  resignRequest(c, secret, now, payload) {
    const json = payload ?? (base64LooseDecode(c.value) ?? Buffer.alloc(0)).toString('utf8');
    return { name: c.name, payload: json, secret, now, options: { digest: c.hash ?? 'sha1' } };
  },
};

// express-session's cookie: "s:" + <session ID> + "." + base64(HMAC-SHA256(secret,
// session ID)) without "=" padding (cookie-signature), URL-encoded on the wire.
// The session's data stays in the server's store; the cookie names it.
import { base64LooseDecode } from '../codec/base64';
import { nodePrimitives, utf8 } from '../crypto/primitives';
import { SignError, type CookieFormat, type Hypothesis } from './format';

interface ExpressSessionCookie {
  name: string | null;
  sid: string;
  signature: Buffer;
}

const RAW = { id: 'raw', derive: (secret: Uint8Array) => secret };

export function cookieSignature(sid: string, secret: Uint8Array): string {
  return Buffer.from(nodePrimitives.hmac('sha256', secret, utf8(sid)))
    .toString('base64')
    .replace(/=+$/, '');
}

export const expressSession: CookieFormat<ExpressSessionCookie> = {
  id: 'express-session',
  title: 'express-session (cookie-signature)',
  parse(target) {
    if (!target.value.startsWith('s:')) return null;
    const rest = target.value.slice(2);
    const dot = rest.lastIndexOf('.');
    if (dot <= 0) return null;
    const signature = base64LooseDecode(rest.slice(dot + 1));
    if (signature === null || signature.length !== 32) return null;
    return { name: target.name, sid: rest.slice(0, dot), signature };
  },
  decode(c) {
    return {
      format: 'express-session',
      title: this.title,
      name: c.name,
      facts: [
        { label: 'session ID', value: c.sid },
        { label: 'signature', value: 'HMAC-SHA256 of the session ID (cookie-signature)' },
      ],
      payload: { kind: 'hidden', reason: "The session's data lives on the server, in express-session's store; the cookie holds only its ID." },
      notes: ['With the secret, anyone can sign any session ID: a known or guessed ID becomes that session.'],
    };
  },
  hypotheses(c) {
    const data = utf8(c.sid);
    const h: Hypothesis = { schedule: RAW, variant: 'cookie-signature HMAC-SHA256', check: (key, p) => p.hmacEquals('sha256', key, data, c.signature) };
    return [h];
  },
  sign(req) {
    const sid = req.payload;
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (sid === '' || /[\u0000-\u001f]/.test(sid))
      throw new SignError('The payload for express-session is the session ID: non-empty text without control characters.');
    const name = req.name ?? 'connect.sid';
    // express-session sets encodeURIComponent("s:" + signed), as the cookie module writes it.
    return {
      cookies: [{ name, value: encodeURIComponent(`s:${sid}.${cookieSignature(sid, req.secret)}`) }],
      summary: 'express-session: s:<ID>.<HMAC-SHA256>, URL-encoded',
    };
  },
  resignRequest(c, secret, now, payload) {
    return { name: c.name, payload: payload ?? c.sid, secret, now, options: {} };
  },
};

// The inspector reads a Cookie header exactly as cookie-session does: over a table of odd headers,
// the server's own view (GET /api/session/cookie) calls a pair valid exactly when the server logs the visitor in.
import { describe, expect, it } from 'vitest';
import type { CookieInspection, SessionState } from '../../../contract';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';
import { rawRequest } from '../../support/raw-http';
import { strongKey } from '../../support/test-keys';
import { testServer } from '../../support/test-server';

const key = strongKey();
const v = encodeSessionValue({ username: 'ada' });
const w = encodeSessionValue({ username: 'eve' });
const s = signSessionValue('lab_session', v, key);

/** [what the header shows, the header, whether cookie-session accepts the session] */
const ODD_HEADERS: [string, string, boolean][] = [
  ['the plain pair', `lab_session=${v}; lab_session.sig=${s}`, true],
  ['no space after ";"', `theme=a;lab_session=${v};lab_session.sig=${s}`, true],
  ['a quoted value', `lab_session="${v}"; lab_session.sig=${s}`, true],
  ['a quoted signature', `lab_session=${v}; lab_session.sig="${s}"`, true],
  ['a space before "="', `lab_session =${v}; lab_session.sig=${s}`, false],
  ['a space after "="', `lab_session= ${v}; lab_session.sig=${s}`, false],
  ['a space before ";"', `lab_session=${v} ; lab_session.sig=${s}`, false],
  ['a tab after ";"', `theme=a;\tlab_session=${v}; lab_session.sig=${s}`, false],
  ['two session cookies, the signed one first', `lab_session=${v}; lab_session=${w}; lab_session.sig=${s}`, true],
  ['two session cookies, the signed one second', `lab_session=${w}; lab_session=${v}; lab_session.sig=${s}`, false],
  ['an empty value', `lab_session=; lab_session.sig=${s}`, false],
  ['an empty signature', `lab_session=${v}; lab_session.sig=`, false],
  ['the name in upper case', `LAB_SESSION=${v}; LAB_SESSION.sig=${s}`, false],
  ['the pair inside another cookie’s value', `x=lab_session=${v}; lab_session.sig=${s}`, false],
  ['non-ASCII after the value', `lab_session=${v}é; lab_session.sig=${s}`, false],
  ['non-ASCII in another cookie', `name=José; lab_session=${v}; lab_session.sig=${s}`, true],
];

describe('the inspector and cookie-session read a Cookie header alike', () => {
  it.each(ODD_HEADERS)('%s', async (_what, header, accepted) => {
    const server = await testServer({ keys: [key] });
    const headers = { cookie: Buffer.from(header).toString('latin1') };
    const state = JSON.parse((await rawRequest(`${server.url}/api/session`, { headers })).body) as SessionState;
    const view = JSON.parse((await rawRequest(`${server.url}/api/session/cookie`, { headers })).body) as CookieInspection;
    expect(state.loggedIn).toBe(accepted);
    expect(view.verdict.state === 'valid').toBe(accepted);
    if (accepted) expect(view.decoded).toMatchObject({ ok: true, payload: { username: 'ada' } });
  });

  it('reads with the very `cookies` module cookie-session uses', async () => {
    const ours = (await import('cookies/package.json', { with: { type: 'json' } })).default.version;
    const theirs = (await import('cookie-session/package.json', { with: { type: 'json' } })).default.dependencies.cookies;
    expect(ours).toBe(theirs);
  });
});

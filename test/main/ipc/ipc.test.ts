import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cookie } from 'electron';
import {
  channelOf,
  DECODER_VERBS,
  INVOKE_VERBS,
  LAB_VERBS,
  TARGET_VERBS,
  unpackJarAudit,
  type CookieInspection,
  type ExperimentsState,
  type PackedJarAudit,
  type ServerLabState,
  type SessionIdInspection,
  type SessionKindsState,
} from '../../../contract';
import { createCookieJar } from '../../../main/jar/cookie-jar';
import { registerInvokeHandlers, sendEvent } from '../../../main/ipc/ipc';
import { ARGUMENT_PARSERS, MAX_PAYLOAD_JSON_BYTES } from '../../../main/ipc/ipc-arguments';
import type { LabExperiments } from '../../../main/labs/lab-experiments';
import { labHandlers, type SessionInspector } from '../../../main/ipc/lab-handlers';
import type { ServerLab } from '../../../main/labs/server-lab';
import type { SessionKindsLab } from '../../../main/labs/session-kinds-lab';
import { isTrustedSender, type SenderEvent } from '../../../main/ipc/sender-check';
import { MockCookies, MockIpcMain, MockWebContents } from '../../support/electron-mock';

const serverUrl = 'http://127.0.0.1:41234';
const labContentsId = 7;

const session: Cookie = {
  name: 'lab_session',
  value: 'eyJ1c2VybmFtZSI6ImFkYSJ9',
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: true,
  session: true,
  sameSite: 'lax',
};
const signature: Cookie = { ...session, name: 'lab_session.sig', value: 'pV0m8s6k3Xk9Q3rJ8Xy2rX8p1bE' };

const fromLabPage: SenderEvent = { sender: { id: labContentsId }, senderFrame: { url: `${serverUrl}/lab/`, parent: null } };
const fromOtherOrigin: SenderEvent = { sender: { id: labContentsId }, senderFrame: { url: 'https://evil.example/', parent: null } };
const fromSubframe: SenderEvent = { sender: { id: labContentsId }, senderFrame: { url: `${serverUrl}/lab/`, parent: { url: `${serverUrl}/lab/` } } };

const verdict: CookieInspection = {
  name: 'lab_session',
  received: true,
  value: session.value,
  signature: signature.value,
  sizeBytes: 80,
  sizeLimit: 4096,
  decoded: { ok: true, payload: { username: 'ada' }, json: '{"username":"ada"}' },
  verdict: { state: 'valid', keyIndex: 0 },
  keyCount: 1,
};

const stored: ExperimentsState = { mode: 'stored', keys: [{ kind: 'stored', label: 'Stored key' }], cracking: false, cracked: false, serverDown: null };

/** Lab I's experiments as the handlers see them: every method a spy. */
function fakeExperiments(inspect: SessionInspector) {
  return {
    state: vi.fn(() => stored),
    inspect,
    forge: vi.fn<LabExperiments['forge']>(async () => ({ value: 'e30=', signature: 'sig', signer: 'server' })),
    crack: vi.fn(async () => ({ found: false as const, secret: null, tried: 3, total: 3, elapsedMs: 1 })),
    signedWithCrackedKey: vi.fn<LabExperiments['signedWithCrackedKey']>(() => false),
    startWeakDemo: vi.fn<LabExperiments['startWeakDemo']>(async () => ({ ...stored, mode: 'weak-demo' })),
    restoreStoredKeys: vi.fn(async () => stored),
    addKey: vi.fn(async () => ({ ...stored, mode: 'rotated' as const })),
    dropOlderKeys: vi.fn<LabExperiments['dropOlderKeys']>(async () => ({ ...stored, mode: 'rotated' })),
    prepareForQuit: vi.fn(async () => undefined),
  } satisfies LabExperiments;
}

const serverLabState: ServerLabState = {
  expiry: null,
  clockOffsetMs: 0,
  cookie: { httpOnly: true, sameSite: 'lax', maxAgeMs: 604_800_000 },
  secondInstance: null,
  serverDown: null,
  serverLog: [],
};

/** Lab II's switches as the handlers see them: every method a spy. */
function fakeServerLab() {
  return {
    state: vi.fn(() => serverLabState),
    setExpiry: vi.fn(async (on: boolean) => ({ ...serverLabState, expiry: on ? { idleMs: 900_000, absoluteMs: 3_600_000 } : null })),
    advanceClock: vi.fn((ms: number) => ({ ...serverLabState, clockOffsetMs: ms })),
    setCookieAttributes: vi.fn<ServerLab['setCookieAttributes']>(async (cookie) => ({ ...serverLabState, cookie })),
    startSecondInstance: vi.fn(async (sameKeys: boolean) => ({ ...serverLabState, secondInstance: { url: 'http://127.0.0.1:41235', sameKeys } })),
    stopSecondInstance: vi.fn(async () => serverLabState),
    restoreDefaults: vi.fn(async () => serverLabState),
    close: vi.fn(async () => undefined),
  } satisfies ServerLab;
}

const sqlite = { kind: 'sqlite' as const, description: 'SQLite file /data/sessions.sqlite' };
const kindsState: SessionKindsState = { serverSide: { url: 'http://127.0.0.1:41236', store: sqlite }, sharedStore: sqlite, scaleOut: null };
const idInspection: SessionIdInspection = {
  name: 'lab_sid',
  received: true,
  value: 's%3Aid.sig',
  sid: 'id',
  signature: 'sig',
  verdict: { state: 'valid', keyIndex: 0 },
  keyCount: 1,
  sizeBytes: 18,
  store: sqlite,
  record: { json: '{"cookie":{},"username":"ada"}', bytes: 30, expiresAt: null },
  storeError: null,
};

/** Lab III's servers as the handlers see them: every method a spy. */
function fakeSessionKinds() {
  return {
    state: vi.fn(() => kindsState),
    peers: vi.fn(() => [kindsState.serverSide.url]),
    inspect: vi.fn<SessionKindsLab['inspect']>(async () => idInspection),
    startScaleOut: vi.fn(async (shared: boolean) => ({ ...kindsState, scaleOut: { shared, store: sqlite, instances: ['a', 'b'] } })),
    stopScaleOut: vi.fn(async () => kindsState),
    close: vi.fn(async () => undefined),
  } satisfies SessionKindsLab;
}

let ipc: MockIpcMain;
let serverLab: ReturnType<typeof fakeServerLab>;
let sessionKinds: ReturnType<typeof fakeSessionKinds>;
let cookies: MockCookies;
let inspect: ReturnType<typeof vi.fn<SessionInspector>>;
let experiments: ReturnType<typeof fakeExperiments>;

beforeEach(() => {
  ipc = new MockIpcMain();
  cookies = new MockCookies();
  cookies.store({ ...session });
  cookies.store({ ...signature });
  inspect = vi.fn<SessionInspector>(() => verdict);
  experiments = fakeExperiments(inspect);
  serverLab = fakeServerLab();
  sessionKinds = fakeSessionKinds();
  registerInvokeHandlers(
    ipc,
    (event) => isTrustedSender(event, { origin: serverUrl, isLabContents: (id) => id === labContentsId, isServing: () => true }),
    LAB_VERBS,
    labHandlers(createCookieJar(cookies, serverUrl), experiments, serverLab, sessionKinds, serverUrl),
  );
});

describe('IPC handlers', () => {
  it("every lab channel of the contract has a handler; the Your app tab's and the Decoder's verbs are groups of their own", () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(LAB_VERBS.map(channelOf).sort());
    expect([...LAB_VERBS, ...TARGET_VERBS, ...DECODER_VERBS].sort()).toEqual([...INVOKE_VERBS].sort());
    expect([...TARGET_VERBS, ...DECODER_VERBS].filter((verb) => (LAB_VERBS as string[]).includes(verb))).toEqual([]);
    expect(DECODER_VERBS.filter((verb) => (TARGET_VERBS as string[]).includes(verb))).toEqual([]);
  });

  it('the argument parsers cover exactly the verbs of the contract, and the lab handlers exactly the lab verbs', () => {
    const handlers = labHandlers(createCookieJar(cookies, serverUrl), experiments, serverLab, sessionKinds, serverUrl);
    expect(Object.keys(handlers).sort()).toEqual([...LAB_VERBS].sort());
    expect(Object.keys(ARGUMENT_PARSERS).sort()).toEqual([...INVOKE_VERBS].sort());
  });

  it('the lab page can list the jar', async () => {
    const rows = (await ipc.invoke('session-lab:listCookies', fromLabPage)) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(['lab_session', 'lab_session.sig']);
  });

  it('the lab page can list the jar with each cookie’s findings, worked out in main', async () => {
    cookies.store({
      name: 'theme',
      value: 'dark',
      domain: '127.0.0.1',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: false,
      session: true,
      sameSite: 'unspecified',
    });
    const audited = unpackJarAudit((await ipc.invoke('session-lab:auditJar', fromLabPage)) as PackedJarAudit);
    expect(audited.map((a) => [a.cookie.name, a.audit.sessionLike, a.audit.findings.map((f) => f.rule)])).toEqual([
      ['lab_session', true, []],
      ['lab_session.sig', true, []],
      ['theme', false, ['samesite-missing']],
    ]);
    await expect(ipc.invoke('session-lab:auditJar', fromLabPage, 'extra')).rejects.toThrow('auditJar takes 0 argument(s), got 1.');
    await expect(ipc.invoke('session-lab:auditJar', fromOtherOrigin)).rejects.toThrow(/Refused auditJar/);
  });

  it('a handler refuses a sender from another origin and leaves the jar alone', async () => {
    await expect(ipc.invoke('session-lab:clearCookies', fromOtherOrigin)).rejects.toThrow(
      'Refused clearCookies: the call did not come from the Session Lab page.',
    );
    expect(cookies.jar).toHaveLength(2);
    expect(cookies.get).not.toHaveBeenCalled();
  });

  it('a handler refuses a subframe, even on the server origin', async () => {
    await expect(ipc.invoke('session-lab:setCookieValue', fromSubframe, 'lab_session', 'forged')).rejects.toThrow(/Refused setCookieValue/);
    expect(cookies.set).not.toHaveBeenCalled();
  });

  it('the verdict is refused to a foreign sender, so it learns nothing about the keys', async () => {
    await expect(ipc.invoke('session-lab:inspectSession', fromOtherOrigin)).rejects.toThrow(/Refused inspectSession/);
    expect(inspect).not.toHaveBeenCalled();
  });

  it('malformed arguments are refused before the jar is touched', async () => {
    await expect(ipc.invoke('session-lab:deleteCookie', fromLabPage, { name: 'lab_session' })).rejects.toThrow('A cookie name must be a string.');
    await expect(ipc.invoke('session-lab:setCookieValue', fromLabPage, 'lab_session', 'x; Domain=evil.example')).rejects.toThrow(/cannot contain/);
    expect(cookies.get).not.toHaveBeenCalled();
  });

  it('the lab page can tamper with a cookie value', async () => {
    await ipc.invoke('session-lab:setCookieValue', fromLabPage, 'lab_session', 'eyJ1c2VybmFtZSI6ImFkbWluIn0=');
    expect(cookies.jar.find((c) => c.name === 'lab_session')).toMatchObject({ value: 'eyJ1c2VybmFtZSI6ImFkbWluIn0=', httpOnly: true });
  });

  it('the lab page can delete one cookie', async () => {
    await ipc.invoke('session-lab:deleteCookie', fromLabPage, 'lab_session.sig');
    expect(cookies.jar.map((c) => c.name)).toEqual(['lab_session']);
  });

  it('the session verdict judges the Cookie header the window would send to the API', async () => {
    expect(await ipc.invoke('session-lab:inspectSession', fromLabPage)).toEqual(verdict);
    expect(inspect).toHaveBeenCalledWith(`lab_session=${session.value}; lab_session.sig=${signature.value}`);
  });

  it('a cookie on a path the API is not under is not part of it; a longer matching path comes first', async () => {
    cookies.jar = [{ ...session, path: '/lab', value: 'lab-only' }, { ...session, path: '/api', value: 'api-first' }, session, signature];
    await ipc.invoke('session-lab:inspectSession', fromLabPage);
    expect(inspect).toHaveBeenCalledWith(`lab_session=api-first; lab_session=${session.value}; lab_session.sig=${signature.value}`);
  });

  it('without a session cookie the verdict is asked about nothing', async () => {
    cookies.jar = [];
    await ipc.invoke('session-lab:inspectSession', fromLabPage);
    expect(inspect).toHaveBeenCalledWith(undefined);
  });

  it('unregistering removes every handler', () => {
    const other = new MockIpcMain();
    const stop = registerInvokeHandlers(
      other,
      () => true,
      LAB_VERBS,
      labHandlers(createCookieJar(cookies, serverUrl), fakeExperiments(inspect), fakeServerLab(), fakeSessionKinds(), serverUrl),
    );
    stop();
    expect(other.handlers.size).toBe(0);
  });
});

describe("Lab I's experiment channels", () => {
  const experimentCalls = () => [
    experiments.forge,
    experiments.crack,
    experiments.startWeakDemo,
    experiments.restoreStoredKeys,
    experiments.addKey,
    experiments.dropOlderKeys,
    experiments.state,
  ];

  it.each([
    ['session-lab:experimentsState', []],
    ['session-lab:forgeSession', [{ username: 'admin' }, 'server']],
    ['session-lab:crackSessionKey', []],
    ['session-lab:startWeakKeyDemo', ['tutorial']],
    ['session-lab:restoreStoredKeys', []],
    ['session-lab:addSigningKey', []],
    ['session-lab:dropOlderKeys', []],
  ] as const)('%s is refused to another origin and to a subframe, before anything runs', async (channel, args) => {
    const verb = channel.replace('session-lab:', '');
    await expect(ipc.invoke(channel, fromOtherOrigin, ...args)).rejects.toThrow(`Refused ${verb}: the call did not come from the Session Lab page.`);
    await expect(ipc.invoke(channel, fromSubframe, ...args)).rejects.toThrow(`Refused ${verb}`);
    for (const call of experimentCalls()) expect(call).not.toHaveBeenCalled();
  });

  it('forging passes a clean copy of the JSON payload and the signer', async () => {
    const payload = { username: 'admin', visits: 1000, roles: ['admin', null], nested: { ok: true } };
    await expect(ipc.invoke('session-lab:forgeSession', fromLabPage, payload, 'cracked')).resolves.toMatchObject({ value: 'e30=' });
    expect(experiments.forge).toHaveBeenCalledExactlyOnceWith(payload, 'cracked');
    expect(experiments.forge.mock.calls[0]![0]).not.toBe(payload);
  });

  it.each([
    ['an array', [1, 2], /must be a JSON object/],
    ['null', null, /must be a JSON object/],
    ['text', '{"username":"admin"}', /must be a JSON object/],
    ['a Date inside', { when: new Date(0) }, /plain objects/],
    ['a Map inside', { roles: new Map() }, /plain objects/],
    ['NaN', { visits: Number.NaN }, /finite numbers/],
    ['an undefined value', { username: undefined }, /undefined cannot be stored/],
    ['a bigint', { visits: 10n }, /bigint cannot be stored/],
    ['deep nesting', JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) as unknown, /nested more than 16/],
    ['too much data', { blob: 'x'.repeat(MAX_PAYLOAD_JSON_BYTES) }, new RegExp(`at most ${MAX_PAYLOAD_JSON_BYTES}`)],
  ])('a forged payload that is %s is refused with a message', async (_what, payload, message) => {
    await expect(ipc.invoke('session-lab:forgeSession', fromLabPage, payload, 'server')).rejects.toThrow(message);
    expect(experiments.forge).not.toHaveBeenCalled();
  });

  it('a self-referencing payload is refused, not looped over', async () => {
    const payload: Record<string, unknown> = { username: 'admin' };
    payload.self = payload;
    await expect(ipc.invoke('session-lab:forgeSession', fromLabPage, payload, 'server')).rejects.toThrow(/refer to itself/);
  });

  it('a "__proto__" key stays plain data and changes no prototype', async () => {
    const payload = JSON.parse('{"__proto__": {"isAdmin": true}, "username": "eve"}') as object;
    await ipc.invoke('session-lab:forgeSession', fromLabPage, payload, 'server');
    const passed = experiments.forge.mock.calls[0]![0];
    expect(Object.keys(passed)).toEqual(['__proto__', 'username']);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('the signer and the weak key must be ones the contract names', async () => {
    await expect(ipc.invoke('session-lab:forgeSession', fromLabPage, { username: 'admin' }, 'your_very_secret_key')).rejects.toThrow(
      'The signer must be one of "server", "cracked".',
    );
    await expect(ipc.invoke('session-lab:forgeSession', fromLabPage, { username: 'admin' })).rejects.toThrow('forgeSession takes 2 argument(s), got 1.');
    // The window names a demo key; it can never hand main a key of its choosing.
    await expect(ipc.invoke('session-lab:startWeakKeyDemo', fromLabPage, 'hunter2')).rejects.toThrow(
      'The weak key must be one of "tutorial", "framework", "password".',
    );
    await expect(ipc.invoke('session-lab:addSigningKey', fromLabPage, 'my-own-key')).rejects.toThrow('addSigningKey takes 0 argument(s), got 1.');
    for (const call of experimentCalls()) expect(call).not.toHaveBeenCalled();
  });

  it('each channel reaches its experiment and answers with its result', async () => {
    expect(await ipc.invoke('session-lab:experimentsState', fromLabPage)).toEqual(stored);
    expect(await ipc.invoke('session-lab:startWeakKeyDemo', fromLabPage, 'password')).toMatchObject({ mode: 'weak-demo' });
    expect(experiments.startWeakDemo).toHaveBeenCalledWith('password');
    expect(await ipc.invoke('session-lab:crackSessionKey', fromLabPage)).toMatchObject({ found: false, tried: 3 });
    expect(await ipc.invoke('session-lab:addSigningKey', fromLabPage)).toMatchObject({ mode: 'rotated' });
    expect(await ipc.invoke('session-lab:dropOlderKeys', fromLabPage)).toMatchObject({ mode: 'rotated' });
    expect(await ipc.invoke('session-lab:restoreStoredKeys', fromLabPage)).toEqual(stored);
  });

  it("an experiment's refusal reaches the window as the rejection", async () => {
    experiments.dropOlderKeys.mockRejectedValueOnce(new Error('There is only one key: there is no older key to drop.'));
    await expect(ipc.invoke('session-lab:dropOlderKeys', fromLabPage)).rejects.toThrow('There is only one key');
  });
});

describe("Lab II's server channels", () => {
  const serverLabCalls = () => Object.values(serverLab);
  const lax = { httpOnly: true, sameSite: 'lax', maxAgeMs: 604_800_000 };

  it.each([
    ['session-lab:serverLabState', []],
    ['session-lab:setServerExpiry', [true]],
    ['session-lab:advanceLabClock', [960_000]],
    ['session-lab:setCookieAttributes', [lax]],
    ['session-lab:startSecondInstance', [true]],
    ['session-lab:stopSecondInstance', []],
    ['session-lab:restoreServerDefaults', []],
  ] as const)('%s is refused to another origin and to a subframe, before anything runs', async (channel, args) => {
    const verb = channel.replace('session-lab:', '');
    await expect(ipc.invoke(channel, fromOtherOrigin, ...args)).rejects.toThrow(`Refused ${verb}: the call did not come from the Session Lab page.`);
    await expect(ipc.invoke(channel, fromSubframe, ...args)).rejects.toThrow(`Refused ${verb}`);
    for (const call of serverLabCalls()) expect(call).not.toHaveBeenCalled();
  });

  it('each channel reaches its switch with the checked arguments and answers with the state', async () => {
    expect(await ipc.invoke('session-lab:serverLabState', fromLabPage)).toEqual(serverLabState);
    expect(await ipc.invoke('session-lab:setServerExpiry', fromLabPage, true)).toMatchObject({ expiry: { idleMs: 900_000 } });
    expect(serverLab.setExpiry).toHaveBeenCalledExactlyOnceWith(true);
    expect(await ipc.invoke('session-lab:advanceLabClock', fromLabPage, 960_000)).toMatchObject({ clockOffsetMs: 960_000 });
    const strictSession = { httpOnly: false, sameSite: 'strict', maxAgeMs: null };
    expect(await ipc.invoke('session-lab:setCookieAttributes', fromLabPage, strictSession)).toMatchObject({ cookie: strictSession });
    expect(await ipc.invoke('session-lab:startSecondInstance', fromLabPage, false)).toMatchObject({ secondInstance: { sameKeys: false } });
    await ipc.invoke('session-lab:stopSecondInstance', fromLabPage);
    await ipc.invoke('session-lab:restoreServerDefaults', fromLabPage);
    expect(serverLab.stopSecondInstance).toHaveBeenCalledOnce();
    expect(serverLab.restoreDefaults).toHaveBeenCalledOnce();
  });

  it.each([
    ['expiry as text', 'session-lab:setServerExpiry', ['yes'], 'Expiry on must be true or false.'],
    ['expiry without its argument', 'session-lab:setServerExpiry', [], 'setServerExpiry takes 1 argument(s), got 0.'],
    ['the clock moved back', 'session-lab:advanceLabClock', [-1000], /whole milliseconds, from 1 to 86400000/],
    ['the clock moved a year', 'session-lab:advanceLabClock', [365 * 86_400_000], /from 1 to 86400000/],
    ['the clock moved by a fraction', 'session-lab:advanceLabClock', [0.5], /whole milliseconds/],
    ['the clock moved by text', 'session-lab:advanceLabClock', ['960000'], /whole milliseconds/],
    [
      'cookie attributes as an array',
      'session-lab:setCookieAttributes',
      [[true, 'lax', null]],
      'Cookie attributes are an object: {httpOnly, sameSite, maxAgeMs}.',
    ],
    [
      'a missing attribute',
      'session-lab:setCookieAttributes',
      [{ httpOnly: true, sameSite: 'lax' }],
      'Cookie attributes are exactly {httpOnly, sameSite, maxAgeMs}.',
    ],
    ['an extra attribute', 'session-lab:setCookieAttributes', [{ ...lax, secure: true }], 'Cookie attributes are exactly {httpOnly, sameSite, maxAgeMs}.'],
    ['SameSite=Evil', 'session-lab:setCookieAttributes', [{ ...lax, sameSite: 'evil' }], 'sameSite must be one of "lax", "strict", "none".'],
    ['HttpOnly as text', 'session-lab:setCookieAttributes', [{ ...lax, httpOnly: 'false' }], 'httpOnly must be true or false.'],
    ['a negative Max-Age', 'session-lab:setCookieAttributes', [{ ...lax, maxAgeMs: -5 }], /maxAgeMs must be null/],
    ['same keys as a number', 'session-lab:startSecondInstance', [1], 'Same keys must be true or false.'],
    ['an argument to stop', 'session-lab:stopSecondInstance', ['now'], 'stopSecondInstance takes 0 argument(s), got 1.'],
  ] as const)('%s is refused with a message before any switch moves', async (_what, channel, args, message) => {
    await expect(ipc.invoke(channel, fromLabPage, ...args)).rejects.toThrow(message);
    for (const call of serverLabCalls()) expect(call).not.toHaveBeenCalled();
  });
});

describe("Lab III's channels", () => {
  it('the server-side verdict judges the Cookie header the window sends under /server-side/', async () => {
    cookies.store({ ...session, name: 'lab_sid', value: 's%3Aid.sig' });
    cookies.store({ ...session, name: 'lab_sid', value: 'elsewhere', path: '/todos' });
    expect(await ipc.invoke('session-lab:inspectServerSession', fromLabPage)).toEqual(idInspection);
    expect(sessionKinds.inspect).toHaveBeenCalledExactlyOnceWith(
      'lab_session=eyJ1c2VybmFtZSI6ImFkYSJ9; lab_session.sig=pV0m8s6k3Xk9Q3rJ8Xy2rX8p1bE; lab_sid=s%3Aid.sig',
    );
  });

  it('a copied cookie is put back into the jar: into the one it has, or as a new HttpOnly, Lax, Path=/ cookie', async () => {
    await ipc.invoke('session-lab:putCookieBack', fromLabPage, 'lab_session', 'e30=');
    expect(cookies.jar.find((c) => c.name === 'lab_session')).toMatchObject({ value: 'e30=', path: '/', httpOnly: true, session: true });
    await ipc.invoke('session-lab:putCookieBack', fromLabPage, 'lab_sid', 's%3Acopy.sig');
    const put = cookies.jar.find((c) => c.name === 'lab_sid');
    expect(put).toMatchObject({ value: 's%3Acopy.sig', path: '/', httpOnly: true, sameSite: 'lax', domain: '127.0.0.1' });
    expect(put?.expirationDate).toBeGreaterThan(Date.now() / 1000 + 6 * 86_400);
    await expect(ipc.invoke('session-lab:putCookieBack', fromLabPage, 'lab_sid', 'a;b')).rejects.toThrow(
      'A cookie value cannot contain control characters or ";".',
    );
  });

  it('each channel reaches Lab III with the checked arguments; bad ones and foreign senders are refused before anything runs', async () => {
    await expect(ipc.invoke('session-lab:inspectServerSession', fromOtherOrigin)).rejects.toThrow('Refused inspectServerSession');
    await expect(ipc.invoke('session-lab:startServerSideScaleOut', fromSubframe, true)).rejects.toThrow('Refused startServerSideScaleOut');
    await expect(ipc.invoke('session-lab:startServerSideScaleOut', fromLabPage, 'shared')).rejects.toThrow('Shared store must be true or false.');
    await expect(ipc.invoke('session-lab:stopServerSideScaleOut', fromLabPage, 1)).rejects.toThrow('stopServerSideScaleOut takes 0 argument(s), got 1.');
    for (const call of Object.values(sessionKinds)) expect(call).not.toHaveBeenCalled();
    expect(await ipc.invoke('session-lab:sessionKindsState', fromLabPage)).toEqual(kindsState);
    expect(await ipc.invoke('session-lab:startServerSideScaleOut', fromLabPage, false)).toMatchObject({ scaleOut: { shared: false } });
    expect(sessionKinds.startScaleOut).toHaveBeenCalledExactlyOnceWith(false);
    await ipc.invoke('session-lab:stopServerSideScaleOut', fromLabPage);
    expect(sessionKinds.stopScaleOut).toHaveBeenCalledOnce();
  });
});

describe('events to the window', () => {
  it('are sent on their contract channel with the payload alone', () => {
    const contents = new MockWebContents();
    const entry = { id: '1.1', time: 1, method: 'GET', path: '/api/session', status: 200, cookieSent: null, setCookies: [], labHeaders: [] };
    sendEvent(contents, 'onWire', entry);
    expect(contents.send).toHaveBeenCalledWith('session-lab:onWire', entry);
  });

  it('are dropped for a window that is gone', () => {
    const contents = new MockWebContents();
    contents.destroyed = true;
    sendEvent(contents, 'onJarChanged', []);
    expect(contents.send).not.toHaveBeenCalled();
  });
});

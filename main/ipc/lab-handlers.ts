// What each invoke verb does: the jar operations and its audit, the signature verdict, Lab I's experiments, Lab II's server switches and Lab III's session kinds.
import { DEFAULT_MAX_AGE_MS, packJarAudit, SERVER_SIDE_PREFIX, type CookieInspection, type LabVerb } from '../../contract';
import type { CookieJar, NewCookieAttributes } from '../jar/cookie-jar';
import { auditJar } from '../jar/jar-audit';
import type { InvokeHandlers } from './ipc';
import type { LabExperiments } from '../labs/lab-experiments';
import type { ServerLab } from '../labs/server-lab';
import type { SessionKindsLab } from '../labs/session-kinds-lab';

/** What the server would make of a Cookie header, with its keys; the keys stay behind this function. */
export type SessionInspector = (cookieHeader: string | undefined) => CookieInspection;

/** The window's API requests go here: the cookies the server sees are the ones sent to this path. */
export const SESSION_API_PATH = '/api/session';

/**
 * The session pair as the server would read it from the jar: the Cookie header
 * the window sends with its next API request, read as cookie-session reads it,
 * judged with the server's keys.
 */
export async function inspectJarSession(jar: CookieJar, inspect: SessionInspector): Promise<CookieInspection> {
  return inspect(await jar.headerFor(SESSION_API_PATH));
}

/** Lab III's requests go under this prefix: the ID cookie the server-side instance sees is the one sent there. */
export const SERVER_SIDE_SESSION_PATH = `${SERVER_SIDE_PREFIX}${SESSION_API_PATH}`;

/** As both session engines set their cookies by default. */
function sessionCookieDefaults(now: number): NewCookieAttributes {
  return { path: '/', secure: false, httpOnly: true, sameSite: 'lax', expirationDate: Math.floor((now + DEFAULT_MAX_AGE_MS) / 1000) };
}

/** @param pageUrl the server's URL: the page every cookie in the jar was set for (the audit reads its scheme and host). */
export function labHandlers(
  jar: CookieJar,
  experiments: LabExperiments,
  serverLab: ServerLab,
  sessionKinds: SessionKindsLab,
  pageUrl: string,
): InvokeHandlers<LabVerb> {
  return {
    listCookies: () => jar.list(),
    // The crack's finding is the audit's weak-key input; the audit itself never cracks.
    auditJar: async () =>
      packJarAudit(auditJar(await jar.list(), { pageUrl, signedWithCrackedKey: (name, value, sig) => experiments.signedWithCrackedKey(name, value, sig) })),
    deleteCookie: (name) => jar.delete(name),
    clearCookies: () => jar.clear(),
    setCookieValue: (name, value) => jar.setValue(name, value),
    putCookieBack: (name, value) => jar.putBack(name, value, sessionCookieDefaults(Date.now())),
    // The server running now judges: after a key change, that is the new ring.
    inspectSession: () => inspectJarSession(jar, experiments.inspect),
    experimentsState: () => experiments.state(),
    forgeSession: (payload, signer) => experiments.forge(payload, signer),
    crackSessionKey: () => experiments.crack(),
    startWeakKeyDemo: (choice) => experiments.startWeakDemo(choice),
    restoreStoredKeys: () => experiments.restoreStoredKeys(),
    addSigningKey: () => experiments.addKey(),
    dropOlderKeys: () => experiments.dropOlderKeys(),
    serverLabState: () => serverLab.state(),
    setServerExpiry: (on) => serverLab.setExpiry(on),
    advanceLabClock: (ms) => serverLab.advanceClock(ms),
    setCookieAttributes: (attributes) => serverLab.setCookieAttributes(attributes),
    startSecondInstance: (sameKeys) => serverLab.startSecondInstance(sameKeys),
    stopSecondInstance: () => serverLab.stopSecondInstance(),
    restoreServerDefaults: () => serverLab.restoreDefaults(),
    inspectServerSession: async () => sessionKinds.inspect(await jar.headerFor(SERVER_SIDE_SESSION_PATH)),
    sessionKindsState: () => sessionKinds.state(),
    startServerSideScaleOut: (shared) => sessionKinds.startScaleOut(shared),
    stopServerSideScaleOut: () => sessionKinds.stopScaleOut(),
  };
}

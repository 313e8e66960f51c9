// What each invoke verb does: the jar operations, the signature verdict, Lab I's experiments and Lab II's server switches.
import type { CookieInspection, SessionCookieNames } from '../../contract';
import type { CookieJar } from '../jar/cookie-jar';
import type { InvokeHandlers } from './ipc';
import type { LabExperiments } from '../labs/lab-experiments';
import type { ServerLab } from '../labs/server-lab';

/** Checks a session cookie pair with the server's keys; the keys stay behind this function. */
export type SessionInspector = (value: string | undefined, sig: string | undefined) => CookieInspection;

/** The session cookie and its `.sig` as the jar holds them, judged with the server's keys. */
export async function inspectJarSession(jar: CookieJar, inspect: SessionInspector, names: SessionCookieNames): Promise<CookieInspection> {
  const [value, sig] = await Promise.all([jar.read(names.session), jar.read(names.signature)]);
  return inspect(value, sig);
}

export function labHandlers(jar: CookieJar, experiments: LabExperiments, names: SessionCookieNames, serverLab: ServerLab): InvokeHandlers {
  return {
    listCookies: () => jar.list(),
    deleteCookie: (name) => jar.delete(name),
    clearCookies: () => jar.clear(),
    setCookieValue: (name, value) => jar.setValue(name, value),
    // The server running now judges: after a key change, that is the new ring.
    inspectSession: () => inspectJarSession(jar, experiments.inspect, names),
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
  };
}

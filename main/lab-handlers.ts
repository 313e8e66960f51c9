// What each invoke channel does: the jar operations, the signature verdict, Lab I's experiments and Lab II's server switches.
import type { CookieInspection } from './bridge-contract';
import type { CookieJar } from './cookie-jar';
import type { InvokeHandlers } from './ipc';
import type { LabExperiments } from './lab-experiments';
import type { ServerLab } from './server-lab';

/** Checks a session cookie pair with the server's keys; the keys stay behind this function. */
export type SessionInspector = (value: string | undefined, sig: string | undefined) => CookieInspection;

export interface SessionCookieNames {
  session: string;
  signature: string;
}

/** The session cookie and its `.sig` as the jar holds them, judged with the server's keys. */
export async function inspectJarSession(jar: CookieJar, inspect: SessionInspector, names: SessionCookieNames): Promise<CookieInspection> {
  const [value, sig] = await Promise.all([jar.read(names.session), jar.read(names.signature)]);
  return inspect(value, sig);
}

export function labHandlers(jar: CookieJar, experiments: LabExperiments, names: SessionCookieNames, serverLab: ServerLab): InvokeHandlers {
  return {
    'jar:list': () => jar.list(),
    'jar:delete': (name) => jar.delete(name),
    'jar:clear': () => jar.clear(),
    'jar:set-value': (name, value) => jar.setValue(name, value),
    // The server running now judges: after a key change, that is the new ring.
    'session:inspect': () => inspectJarSession(jar, experiments.inspect, names),
    'experiments:state': () => experiments.state(),
    'session:forge': (payload, signer) => experiments.forge(payload, signer),
    'session:crack': () => experiments.crack(),
    'keys:weak-demo': (choice) => experiments.startWeakDemo(choice),
    'keys:restore': () => experiments.restoreStoredKeys(),
    'keys:add': () => experiments.addKey(),
    'keys:drop-older': () => experiments.dropOlderKeys(),
    'server-lab:state': () => serverLab.state(),
    'server-lab:expiry': (on) => serverLab.setExpiry(on),
    'server-lab:clock': (ms) => serverLab.advanceClock(ms),
    'server-lab:cookie': (attributes) => serverLab.setCookieAttributes(attributes),
    'server-lab:instance-start': (sameKeys) => serverLab.startSecondInstance(sameKeys),
    'server-lab:instance-stop': () => serverLab.stopSecondInstance(),
    'server-lab:restore': () => serverLab.restoreDefaults(),
  };
}

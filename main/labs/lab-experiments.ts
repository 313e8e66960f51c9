// Lab I's experiments that need the keys: forge, crack, the weak-key demo and key rotation.
//
// Plain logic over small interfaces (a jar, a server host, a crack runner), so
// the Electron main process and the Chromium e2e harness run this same code.
// Keys stay in here: the window gets labels, verdicts and the cookies it could
// see anyway; the one key it may learn is one a crack found on a public list.
import {
  DEFAULT_MAX_AGE_MS,
  type CookieInspection,
  type CookieRow,
  type CrackOutcome,
  type CrackProgress,
  type ExperimentsState,
  type ForgeOutcome,
  type ForgeSigner,
  type SessionCookieNames,
  type SessionPayload,
  type WeakKeyChoice,
} from '../../contract';
import { encodeSessionValue, serialQueue, signSessionValue, verifySessionSignature, type CrackJob } from '../../server';
import { cookieBytes } from '../jar/cookie-rows';
import { ringKeys, ringView, restoredRing, storedRing, weakDemoRing, withNewKey, withoutOlderKeys, type KeyRing } from './key-ring';
import type { ServerHost } from '../server-host';

/** The part of a cookie jar the experiments use. */
export interface ExperimentJar {
  /** The named cookie as the server would read it (root path first), if the jar holds it. */
  row(name: string): Promise<CookieRow | undefined>;
  /** Creates or overwrites a cookie of the server's origin with exactly these attributes. */
  write(row: CookieRow): Promise<void>;
  /** Removes every cookie of that name. */
  delete(name: string): Promise<void>;
}

/** Runs a crack off the caller's thread (crackInWorker), reporting progress. */
export type CrackRunner = (job: CrackJob, onProgress: (progress: CrackProgress) => void, signal: AbortSignal) => Promise<CrackOutcome>;

export interface LabExperimentsOptions {
  host: ServerHost;
  /** The keys loaded at start (key file or environment), newest first. Never changed. */
  storedKeys: readonly string[];
  jar: ExperimentJar;
  crack: CrackRunner;
  names: SessionCookieNames;
  onCrackProgress?: (progress: CrackProgress) => void;
  /** A fresh strong key for rotation. */
  newKey: () => string;
  now?: () => number;
}

/** An experiment step that does not apply now; the window shows its message. */
export class ExperimentError extends Error {
  override name = 'ExperimentError';
}

export interface LabExperiments {
  state(): ExperimentsState;
  /** The running server's verdict on the session pair in a Cookie header. */
  inspect(cookieHeader: string | undefined): CookieInspection;
  forge(payload: SessionPayload, signer: ForgeSigner): Promise<ForgeOutcome>;
  crack(): Promise<CrackOutcome>;
  /** Whether the key the last crack found signs `name=value` with `signature` (false until a crack finds one): the cookie audit's weak-key input. */
  signedWithCrackedKey(name: string, value: string, signature: string): boolean;
  startWeakDemo(choice: WeakKeyChoice): Promise<ExperimentsState>;
  restoreStoredKeys(): Promise<ExperimentsState>;
  addKey(): Promise<ExperimentsState>;
  dropOlderKeys(): Promise<ExperimentsState>;
  /**
   * Before quitting: stops a running crack and, when the server ran on other keys
   * in this run, removes a session cookie the stored keys do not verify (signed
   * with a demo or lab key that will not exist after a restart). Nothing of the
   * demo or the rotation outlives the app; no key was ever written anywhere.
   */
  prepareForQuit(): Promise<void>;
}

/**
 * The two cookies of a session as the server would set them: the attributes of
 * the session cookie in the jar when there is one (keeping them is the point),
 * else those cookie-session gives it (host-only, Path=/, HttpOnly, SameSite=Lax, 7 days).
 */
export function sessionCookieRows(
  existing: CookieRow | undefined,
  hostname: string,
  names: SessionCookieNames,
  value: string,
  sig: string,
  now: number,
): [CookieRow, CookieRow] {
  const base: Omit<CookieRow, 'name' | 'value' | 'size'> = existing ?? {
    domain: hostname,
    hostOnly: true,
    path: '/',
    secure: false,
    httpOnly: true,
    session: false,
    expirationDate: Math.floor((now + DEFAULT_MAX_AGE_MS) / 1000),
    sameSite: 'lax',
  };
  const row = (name: string, v: string): CookieRow => ({ ...base, name, value: v, size: cookieBytes(name, v) });
  return [row(names.session, value), row(names.signature, sig)];
}

export function createLabExperiments(options: LabExperimentsOptions): LabExperiments {
  const { host, jar, names } = options;
  const now = options.now ?? Date.now;
  const stored = storedRing(options.storedKeys);
  const hostname = new URL(host.url).hostname;
  let ring: KeyRing = stored;
  let cracked: string | null = null;
  let cracking: AbortController | null = null;
  // Whether the server ever ran on other keys in this run (a weak demo, a rotation).
  let keysChanged = false;

  // Key-ring changes restart the server: one at a time, in order.
  const serial = serialQueue().run;

  const state = (): ExperimentsState => ({ ...ringView(ring), cracking: cracking !== null, cracked: cracked !== null, serverDown: host.down });

  /** Restarts the server on `next(ring)`; the ring changes only once the server listens with it. */
  const changeRing = (next: (current: KeyRing) => KeyRing): Promise<ExperimentsState> =>
    serial(async () => {
      const target = next(ring);
      keysChanged = true;
      await host.restart(ringKeys(target));
      ring = target;
      return state();
    });

  const sessionPair = async () => {
    const [session, signature] = await Promise.all([jar.row(names.session), jar.row(names.signature)]);
    return { session, signature };
  };

  return {
    state,
    inspect: (cookieHeader) => host.current.inspect(cookieHeader),

    async forge(payload, signer) {
      let key: string;
      if (signer === 'cracked') {
        if (cracked === null) throw new ExperimentError('No key has been cracked yet: crack the session cookie first.');
        key = cracked;
      } else {
        // The newest key is the one the server signs with.
        key = ringKeys(ring)[0]!;
      }
      const value = encodeSessionValue(payload);
      const signature = signSessionValue(names.session, value, key);
      const { session } = await sessionPair();
      const [valueRow, sigRow] = sessionCookieRows(session, hostname, names, value, signature, now());
      await jar.write(valueRow);
      await jar.write(sigRow);
      return { value, signature, signer };
    },

    async crack() {
      if (cracking !== null) throw new ExperimentError('A crack is already running.');
      // Taken before the first await, so a second call cannot slip in while the jar is read.
      const controller = new AbortController();
      cracking = controller;
      try {
        const { session, signature } = await sessionPair();
        if (session === undefined || signature === undefined || signature.value === '') {
          throw new ExperimentError(`There is no signed ${names.session} cookie in the jar to crack: log in first.`);
        }
        const outcome = await options.crack(
          { name: names.session, value: session.value, sig: signature.value },
          (p) => options.onCrackProgress?.(p),
          controller.signal,
        );
        if (outcome.found) cracked = outcome.secret;
        return outcome;
      } finally {
        cracking = null;
      }
    },

    signedWithCrackedKey: (name, value, signature) => cracked !== null && verifySessionSignature(name, value, signature, [cracked]).state === 'valid',

    startWeakDemo: (choice) => changeRing((current) => weakDemoRing(current, choice)),
    restoreStoredKeys: () => changeRing((current) => restoredRing(current, stored)),
    addKey: () => changeRing((current) => withNewKey(current, options.newKey())),
    dropOlderKeys: () => changeRing(withoutOlderKeys),

    async prepareForQuit() {
      cracking?.abort();
      if (!keysChanged) return;
      const { session, signature } = await sessionPair();
      if (session === undefined) return;
      const verdict = verifySessionSignature(names.session, session.value, signature?.value, options.storedKeys);
      if (verdict.state === 'valid') return;
      await jar.delete(names.session);
      await jar.delete(names.signature);
    },
  };
}

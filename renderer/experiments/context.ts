// What an experiment card may use: the bridge, the session panel, and the window's live views.
import type { ExperimentsState, JarChange, LabBridge, SessionPayload, SessionState } from '../../contract';

export interface ExperimentContext {
  lab: LabBridge;
  /** A session request through the session panel, which shows the answer too. */
  session(action: () => Promise<SessionState>): Promise<SessionState>;
  /** Re-reads the jar and the verdict into the inspector. */
  refresh(): Promise<void>;
  /** The jar changed behind the server's back (the session panel says so). */
  markStale(): void;
  /** Runs `during`, and gives back the jar changes the browser made meanwhile and just after. */
  watchJar<T>(during: () => Promise<T>): Promise<{ result: T; changes: JarChange[] }>;
  /** Tells the window (header, cards) where the key ring now stands. */
  setState(state: ExperimentsState): void;
}

/** Parses what a person typed as a session payload: a JSON object, or a message saying what is wrong. */
export function parsePayload(text: string): SessionPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('That payload is not valid JSON. Example: {"username": "admin", "visits": 1000}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('A session payload is a JSON object, like {"username": "admin"}.');
  }
  return parsed as SessionPayload;
}

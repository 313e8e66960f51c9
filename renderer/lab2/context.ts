// What a Lab II card may use: the bridge, the session panel, the window's live
// views, and the server's settings line; plus the facts the cards share.
import type { CookieRow, JarChange, LabBridge, LabSessionReport, ServerLabState, SessionState, WireEntry } from '../../contract';
import { expiryLabel, sameSiteLabel } from '../cookie-format';
import type { Fact } from '../experiment-card';
import type { ExperimentContext } from '../experiments/context';
import { findRow, serverFact, SESSION } from '../experiments/facts';
import type { Answer } from './lab-api';

/** How long to wait for a request's wire entry after its answer arrived. */
const WIRE_MAX_WAIT_MS = 2000;

export interface ServerLabContext extends Omit<ExperimentContext, 'setState'> {
  /** Runs `during`; gives back the jar changes and the wire entries (the requests' headers) it caused. */
  observe<T>(during: () => Promise<T>, requests?: number): Promise<{ result: T; changes: JarChange[]; wire: WireEntry[] }>;
  /** Shows where the server's settings stand (the line above the cards). */
  showServer(state: ServerLabState): void;
}

export function createObserver(lab: LabBridge, watchJar: ExperimentContext['watchJar']): ServerLabContext['observe'] {
  return async (during, requests = 1) => {
    const wire: WireEntry[] = [];
    const stop = lab.onWire((entry) => wire.push(entry));
    try {
      const { result, changes } = await watchJar(during);
      const start = performance.now();
      while (wire.length < requests && performance.now() - start < WIRE_MAX_WAIT_MS) await new Promise((r) => setTimeout(r, 25));
      return { result, changes, wire };
    } finally {
      stop();
    }
  };
}

/** A lab request through the session panel (which shows the state); the answer keeps its headers. */
export async function through<T>(ctx: ServerLabContext, call: () => Promise<Answer<T>>, stateOf: (data: T) => SessionState): Promise<Answer<T>> {
  let answer: Answer<T> | undefined;
  await ctx.session(async () => {
    answer = await call();
    return stateOf(answer.data);
  });
  return answer!;
}

export const sessionOf = (s: SessionState): SessionState => s;
export const reportState = (r: LabSessionReport): SessionState => r.state;

/** The server's answer, naming the instance that gave it when there are two. */
export function answerFact(answer: Answer<SessionState>, label = 'The server answered'): Fact {
  const fact = serverFact(answer.data);
  return answer.instance === null ? { ...fact, label } : { ...fact, label: `${label} (instance ${answer.instance})` };
}

export function warningsFact(state: SessionState): Fact {
  return state.warnings.length === 0
    ? { label: 'Server warnings', value: 'none', tone: 'good' }
    : { label: 'Server warnings', value: state.warnings.join(' '), tone: 'bad' };
}

/** "HttpOnly yes · SameSite Lax · Expires 2026-01-08 14:03" */
export function attributesText(row: CookieRow): string {
  return `HttpOnly ${row.httpOnly ? 'yes' : 'no'} · SameSite ${sameSiteLabel(row.sameSite)} · Expires ${expiryLabel(row)}`;
}

export async function jarAttributesFact(lab: LabBridge, label = `Jar: ${SESSION}`): Promise<Fact> {
  const row = findRow(await lab.listCookies(), SESSION);
  return { label, value: row === undefined ? '(none)' : attributesText(row) };
}

/** What a script in this page can read right now. */
export function documentCookieFact(): Fact {
  const visible = document.cookie;
  const exposed = visible.split(';').some((pair) => pair.trim().startsWith(`${SESSION}=`));
  return {
    label: 'document.cookie',
    value: visible === '' ? '"" (nothing: the session is hidden from scripts)' : visible,
    tone: exposed ? 'bad' : 'good',
    code: visible !== '',
  };
}

/** The Set-Cookie line for the session cookie in these requests, the value shortened. */
export function setCookieLine(wire: readonly WireEntry[], name = SESSION): string | null {
  for (const entry of wire) {
    const line = entry.setCookies.find((l) => l.startsWith(`${name}=`));
    if (line !== undefined) {
      const semi = line.indexOf(';');
      const value = line.slice(name.length + 1, semi === -1 ? undefined : semi);
      const short = value.length > 16 ? `${value.slice(0, 8)}…${value.slice(-4)}` : value;
      return `${name}=${short}${semi === -1 ? '' : line.slice(semi)}`;
    }
  }
  return null;
}

export function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}

/** One line: what the server does now. */
export function serverSettingsText(state: ServerLabState): string {
  const expiry =
    state.expiry === null ? 'expiry off' : `expiry on (idle ${minutes(state.expiry.idleMs ?? 0)}, absolute ${minutes(state.expiry.absoluteMs ?? 0)})`;
  const clock = state.clockOffsetMs === 0 ? 'real time' : `lab clock +${minutes(state.clockOffsetMs)}`;
  const { cookie } = state;
  const maxAge = cookie.maxAgeMs === null ? 'session cookie' : `Max-Age ${Math.round(cookie.maxAgeMs / 86_400_000)} days`;
  const instances = state.secondInstance === null ? 'one instance' : `two instances (${state.secondInstance.sameKeys ? 'same keys' : 'different keys'})`;
  return [
    expiry,
    clock,
    `HttpOnly ${cookie.httpOnly ? 'on' : 'off'}`,
    `SameSite=${cookie.sameSite[0]!.toUpperCase()}${cookie.sameSite.slice(1)}`,
    maxAge,
    instances,
  ].join(' · ');
}

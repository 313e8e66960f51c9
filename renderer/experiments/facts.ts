// The facts experiment cards show, made from real data: the server's answers,
// the jar's cookies, main's verdict, the browser's changes.
import {
  SESSION_COOKIE_NAME,
  SIGNATURE_COOKIE_NAME,
  type CookieRow,
  type CrackOutcome,
  type ExperimentsState,
  type JarChange,
  type LabBridge,
  type SessionState,
} from '../../contract';
import { sessionJson, truncateMiddle, verdictText } from '../cookie-format';
import type { Fact } from '../experiment-card';

export const SESSION = SESSION_COOKIE_NAME;
export const SIGNATURE = SIGNATURE_COOKIE_NAME;

export function serverFact(state: SessionState): Fact {
  const value = state.visitsMessage === null ? state.message : `${state.message} · ${state.visitsMessage}`;
  return { label: 'The server answered', value, tone: state.loggedIn ? 'good' : 'bad' };
}

/** Main's verdict on the jar's session cookie, in the inspector's words. */
export async function verdictFact(lab: LabBridge): Promise<Fact> {
  const { text, tone } = verdictText(await lab.inspectSession());
  return { label: 'Main’s verdict', value: text, tone };
}

export function findRow(rows: readonly CookieRow[], name: string): CookieRow | undefined {
  return rows.find((r) => r.name === name && r.path === '/') ?? rows.find((r) => r.name === name);
}

/** The session pair as the jar holds it: the payload decoded, the signature as is. */
export async function jarFacts(lab: LabBridge, note?: { signature?: string }): Promise<Fact[]> {
  const rows = await lab.listCookies();
  const session = findRow(rows, SESSION);
  const sig = findRow(rows, SIGNATURE);
  return [
    {
      label: `Jar: ${SESSION}`,
      value: session === undefined ? '(none)' : (sessionJson(session.value) ?? truncateMiddle(session.value, 40)),
      code: session !== undefined,
    },
    { label: `Jar: ${SIGNATURE}${note?.signature ? ` (${note.signature})` : ''}`, value: sig === undefined ? '(none)' : sig.value, code: sig !== undefined },
  ];
}

function changeText(change: JarChange): string {
  const value = change.kind === 'removed' ? '' : `: ${sessionJson(change.value) ?? truncateMiddle(change.value ?? '', 24)}`;
  return `${change.name} ${change.kind} (${change.cause})${value}`;
}

/** What the browser did to its jar, as the live change log shows it. */
export function changeFacts(changes: readonly JarChange[]): Fact[] {
  if (changes.length === 0) return [{ label: 'The browser', value: 'changed no cookie' }];
  return changes.map((c) => ({ label: 'The browser', value: changeText(c), tone: c.kind === 'removed' ? 'bad' : 'neutral' }));
}

/** The key ring, newest first, as labels: which one signs, which only verify. */
export function ringText(state: ExperimentsState): string {
  return state.keys.map((k, i) => `#${i + 1} ${k.label}: ${i === 0 ? 'signs' : 'verifies only'}`).join(' · ');
}

export function ringFact(state: ExperimentsState): Fact {
  return { label: 'The server’s keys, newest first', value: ringText(state), tone: state.mode === 'weak-demo' ? 'bad' : 'neutral' };
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "Found after 1 guess in 0.2 ms" or "Not found after 49,309 guesses". */
export function crackFacts(outcome: CrackOutcome): Fact[] {
  const guesses = `${count(outcome.tried)} guess${outcome.tried === 1 ? '' : 'es'} of ${count(outcome.total)}, in ${formatMs(outcome.elapsedMs)}`;
  if (outcome.found) {
    return [
      { label: 'Key found', value: outcome.secret, tone: 'bad', code: true },
      { label: 'Effort', value: guesses },
    ];
  }
  return [
    { label: 'Key not found', value: 'no candidate on the list signs this cookie', tone: 'good' },
    { label: 'Effort', value: guesses },
  ];
}

// What a Lab III card may use: the bridge, the session panel (the client-side
// session), the inspector, Lab III's state; plus the facts the cards share.
import { SESSION_COOKIE_NAME, SESSION_ID_COOKIE_NAME, SIGNATURE_COOKIE_NAME, type LabBridge, type SessionKindsState, type SessionState } from '../../contract';
import { sessionJson, truncateMiddle, verdictText } from '../cookie-format';
import type { Fact } from '../experiment-card';
import { findRow, serverFact } from '../experiments/facts';
import { SIDE_LABEL, type SideAnswer, type SideApi, type StoreOps } from './lab3-api';

export const SID = SESSION_ID_COOKIE_NAME;

export interface Lab3Context {
  lab: LabBridge;
  /** A client-side request through the session panel, which shows the answer too. */
  panel(action: () => Promise<SessionState>): Promise<SessionState>;
  /** Re-reads the jar and both verdicts into the inspector. */
  refresh(): Promise<void>;
  /** Shows where Lab III stands (the line above the cards). */
  showKinds(state: SessionKindsState): void;
  /** Where Lab III stood at the last word from main. */
  kindsNow(): SessionKindsState | null;
}

/**
 * Runs a request on one side. Client-side ones go through the session panel
 * (it shows the client-side session); both refresh the inspector after.
 */
export async function on<T>(
  ctx: Lab3Context,
  api: SideApi,
  call: (api: SideApi) => Promise<SideAnswer<T>>,
  stateOf: (data: T) => SessionState,
): Promise<SideAnswer<T>> {
  let answer: SideAnswer<T> | undefined;
  if (api.side === 'client') {
    await ctx.panel(async () => {
      answer = await call(api);
      return stateOf(answer.data);
    });
  } else {
    answer = await call(api);
    await ctx.refresh();
  }
  return answer!;
}

export const stateOfSession = (s: SessionState): SessionState => s;

export function storeText(ops: StoreOps | null): string {
  if (ops === null) return 'no store: nothing to read or write';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(ops.reads, 'read')}, ${plural(ops.writes, 'write')} (${ops.ms.toFixed(2)} ms)`;
}

/** "Client-side: Logged in as ivy · Number of visits: 1", naming the instance when there are two. */
export function sideFact(api: SideApi, answer: SideAnswer<SessionState>, what = ''): Fact {
  const fact = serverFact(answer.data);
  const instance = answer.instance === null ? '' : ` (instance ${answer.instance})`;
  return { ...fact, label: `${SIDE_LABEL[api.side]}${what}${instance}` };
}

/** The client-side pair and the server-side ID as the jar holds them. */
export async function jarFacts(lab: LabBridge): Promise<Fact[]> {
  const rows = await lab.listCookies();
  const [session, sig, sid] = [findRow(rows, SESSION_COOKIE_NAME), findRow(rows, SIGNATURE_COOKIE_NAME), findRow(rows, SID)];
  return [
    {
      label: `Jar: ${SESSION_COOKIE_NAME}`,
      value:
        session === undefined
          ? '(none)'
          : `${sessionJson(session.value) ?? truncateMiddle(session.value, 40)} (${session.size} bytes, readable by anyone who has it)`,
      code: session !== undefined,
    },
    { label: `Jar: ${SIGNATURE_COOKIE_NAME}`, value: sig === undefined ? '(none)' : sig.value, code: sig !== undefined },
    {
      label: `Jar: ${SID}`,
      value: sid === undefined ? '(none)' : `${truncateMiddle(decodeURIComponent(sid.value), 44)} (${sid.size} bytes, an ID and its signature)`,
      code: sid !== undefined,
    },
  ];
}

/** Main's view of the ID cookie: the signature verdict, and the store's record read from the store. */
export async function storeFacts(lab: LabBridge): Promise<Fact[]> {
  const seen = await lab.inspectServerSession();
  const verdict = verdictText(seen);
  const record =
    seen.record === null
      ? { label: 'The store', value: seen.received ? `has no record for ${seen.sid ?? 'this ID'}` : 'holds nothing for this browser', tone: 'neutral' as const }
      : { label: `The store (${seen.store.kind})`, value: `${seen.record.json} (${seen.record.bytes.toLocaleString('en-US')} bytes)`, code: true };
  return [{ label: `Main’s verdict on ${SID}`, value: verdict.text, tone: verdict.tone }, record];
}

/**
 * Writes copied cookies back into the jar and asks each side who that is: being
 * logged in with a copy is the bad news. Then main's view of the ID and the store.
 */
export async function replayOnBoth(ctx: Lab3Context, copies: Record<string, string>, who: string, sides: readonly SideApi[]): Promise<Fact[]> {
  for (const [name, value] of Object.entries(copies)) await ctx.lab.putCookieBack(name, value);
  const facts: Fact[] = [];
  for (const api of sides) {
    const answer = await on(ctx, api, (a) => a.session(), stateOfSession);
    facts.push({ ...sideFact(api, answer, who), tone: answer.data.loggedIn ? 'bad' : 'good' });
  }
  return [...facts, ...(await storeFacts(ctx.lab))];
}

/** What a refusal said, as a fact (a card shows an expected refusal as what happened, not as its error). */
export function refusalFact(label: string, err: unknown, tone: Fact['tone'] = 'neutral'): Fact {
  return { label, value: err instanceof Error ? err.message : String(err), tone };
}

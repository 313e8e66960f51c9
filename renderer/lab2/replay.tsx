// Lab II, experiment 2: a copied cookie survives logout; server-side expiry bounds how long.
import { useRef } from 'preact/hooks';
import { EXPIRED_HEADER, type LabBridge } from '../../contract';
import { sessionJson, truncateMiddle } from '../cookie-format';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { findRow, SESSION, SIGNATURE } from '../experiments/facts';
import { answerFact, minutes, sessionOf, through, type ServerLabContext } from './context';
import { labApi } from './lab-api';

/** Past the lab's 15-minute idle timeout. */
export const FAST_FORWARD_MS = 16 * 60 * 1000;

interface Copy {
  value: string;
  sig: string;
}

async function takeCopy(lab: LabBridge): Promise<Copy> {
  const rows = await lab.listCookies();
  const [value, sig] = [findRow(rows, SESSION)?.value, findRow(rows, SIGNATURE)?.value];
  if (value === undefined || sig === undefined) throw new Error('There is no signed session cookie in the jar to copy: get a session first (step 1).');
  return { value, sig };
}

function copyFact(copy: Copy): Fact {
  return { label: 'Copy taken', value: `${sessionJson(copy.value) ?? truncateMiddle(copy.value, 40)} + its .sig`, code: true };
}

export function ReplayCard({ ctx, hidden }: { ctx: ServerLabContext; hidden: boolean }) {
  const { lab } = ctx;
  // The pair taken before logout, kept across steps; shown only as a fact.
  const copy = useRef<Copy | null>(null);

  const logIn = async () => {
    await through(ctx, () => labApi.login('dave'), sessionOf);
    return through(ctx, labApi.countVisit, sessionOf);
  };
  const copyAndLogOut = async (): Promise<Fact[]> => {
    const taken = await takeCopy(lab);
    copy.current = taken;
    const answer = await through(ctx, labApi.logout, sessionOf);
    return [copyFact(taken), answerFact(answer, 'Logged out: the server answered')];
  };
  /** Writes the copy back into the jar (both cookies, their attributes kept) and sends a request. */
  const replay = async () => {
    const kept = copy.current;
    if (kept === null) throw new Error('There is no copy yet: take one first (step 2).');
    const rows = await lab.listCookies();
    if (findRow(rows, SESSION) === undefined || findRow(rows, SIGNATURE) === undefined) {
      throw new Error('The jar has no session cookie to put the copy into: get a session again (step 1).');
    }
    await lab.setCookieValue(SESSION, kept.value);
    await lab.setCookieValue(SIGNATURE, kept.sig);
    return ctx.observe(() => through(ctx, labApi.session, sessionOf));
  };
  const replayFacts = (answer: Awaited<ReturnType<typeof replay>>): Fact[] => {
    const facts: Fact[] = [{ ...answerFact(answer.result, 'Replayed copy: the server answered'), tone: answer.result.data.loggedIn ? 'bad' : 'good' }];
    const header = answer.wire.flatMap((e) => e.labHeaders).find((l) => l.startsWith(`${EXPIRED_HEADER}:`));
    facts.push(
      header === undefined
        ? { label: EXPIRED_HEADER, value: 'not sent: the server accepted the copy' }
        : { label: 'On the wire', value: header, tone: 'good', code: true },
    );
    return facts;
  };

  const spec: CardSpec = {
    id: 'exp-replay',
    number: 2,
    title: 'Replay after logout, and server-side expiry',
    lead: 'Logging out only changes the cookie in your browser. A copy taken before still carries a valid signature. Can the server refuse it?',
    steps: [
      {
        title: 'Get a session',
        text: 'Log in and count a visit.',
        actions: [{ label: 'Log in as dave', run: async () => [answerFact(await logIn())] }],
      },
      {
        title: 'Copy, then log out',
        text: 'Copy the cookie pair from the jar, as malware or a shared computer would, then log out.',
        actions: [{ label: 'Copy and log out', run: copyAndLogOut }],
      },
      {
        title: 'Replay the copy',
        text: 'Put the copy back into the jar and send a request.',
        actions: [{ label: 'Replay the copy', primary: true, run: async () => replayFacts(await replay()) }],
      },
      {
        title: 'Turn on server-side expiry',
        text: 'The server restarts with an idle timeout of 15 minutes and an absolute one of 60, and stamps issuedAt and lastSeen into the signed payload. Then: log in, copy, log out and replay again, at once.',
        actions: [
          {
            label: 'Turn expiry on and replay',
            run: async () => {
              const state = await lab.setServerExpiry(true);
              ctx.showServer(state);
              await logIn();
              const [taken] = await copyAndLogOut();
              return [
                { label: 'Server', value: `expiry on: idle ${minutes(state.expiry!.idleMs ?? 0)}, absolute ${minutes(state.expiry!.absoluteMs ?? 0)}` },
                taken!,
                ...replayFacts(await replay()),
              ];
            },
          },
        ],
      },
      {
        title: 'Wait 16 minutes, replay',
        text: 'The lab clock the server’s expiry reads jumps 16 minutes ahead (lab only: real time and the cookie’s own expiry are untouched). Replay the same copy.',
        actions: [
          {
            label: 'Fast-forward and replay',
            primary: true,
            run: async () => {
              const state = await lab.advanceLabClock(FAST_FORWARD_MS);
              ctx.showServer(state);
              return [{ label: 'Lab clock', value: `+${minutes(state.clockOffsetMs)} ahead of real time` }, ...replayFacts(await replay())];
            },
          },
        ],
      },
      {
        title: 'Turn expiry off',
        text: 'Back to the default: no expiry, real time.',
        actions: [
          {
            label: 'Turn expiry off',
            run: async () => {
              const state = await lab.setServerExpiry(false);
              ctx.showServer(state);
              return [{ label: 'Server', value: 'expiry off, lab clock back to real time' }];
            },
          },
        ],
      },
    ],
    why: [
      'A client-side session has nothing on the server to delete: logout just sends a new cookie, and any copy of the old one still verifies. Only the key can revoke (all sessions at once, see Lab I’s rotation).',
      'Server-side expiry cannot revoke either, but it bounds the damage: the server signs when the session began and was last used, and refuses it once it sat idle too long or grew too old, whoever presents it. The signature keeps those timestamps honest. For a real logout-everywhere you need server state: a session store, or a per-user counter checked on every request.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}

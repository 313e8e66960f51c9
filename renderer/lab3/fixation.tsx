// Lab III, experiment 4: session fixation. An ID planted before the login must not survive it.
import { useRef } from 'preact/hooks';
import { SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME } from '../../contract';
import { sessionJson, truncateMiddle } from '../cookie-format';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { findRow } from '../experiments/facts';
import { on, replayOnBoth, SID, sideFact, stateOfSession, type Lab3Context } from './context';
import { clientSide, serverSide } from './lab3-api';

export function FixationCard({ ctx, hidden }: { ctx: Lab3Context; hidden: boolean }) {
  const { lab } = ctx;
  const planted = useRef<Record<string, string> | null>(null);
  const value = async (name: string) => findRow(await lab.listCookies(), name)?.value;

  const spec: CardSpec = {
    id: 'exp3-fixation',
    number: 4,
    title: 'Fixation: an ID planted before the login',
    lead: 'An attacker gets a session from the server, plants its cookie in the victim’s browser (a shared computer, a subdomain that sets cookies), and waits for the victim to log in with it.',
    steps: [
      {
        title: 'Plant a session',
        text: 'Count a visit without logging in, on both sides: that is the attacker’s session. Keep a copy of its cookies.',
        actions: [
          {
            label: 'Plant the attacker’s session',
            primary: true,
            run: async () => {
              await on(ctx, clientSide, (a) => a.clear(), stateOfSession);
              await on(ctx, serverSide, (a) => a.clear(), stateOfSession);
              await on(ctx, clientSide, (a) => a.countVisit(), stateOfSession);
              await on(ctx, serverSide, (a) => a.countVisit(), stateOfSession);
              const kept: Record<string, string> = {};
              for (const name of [SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME, SID]) {
                const v = await value(name);
                if (v === undefined) throw new Error(`The server set no ${name} cookie.`);
                kept[name] = v;
              }
              planted.current = kept;
              return [
                { label: `Planted ${SESSION_COOKIE_NAME}`, value: sessionJson(kept[SESSION_COOKIE_NAME]!) ?? '?', code: true },
                { label: `Planted ${SID}`, value: truncateMiddle(decodeURIComponent(kept[SID]!), 44), code: true },
              ];
            },
          },
        ],
      },
      {
        title: 'The victim logs in',
        text: 'Log in as victim on both sides, in the browser that holds the planted cookies.',
        actions: [
          {
            label: 'Log in as victim',
            run: async () => {
              if (planted.current === null) throw new Error('Plant a session first (step 1).');
              const facts: Fact[] = [];
              for (const api of [clientSide, serverSide]) facts.push(sideFact(api, await on(ctx, api, (a) => a.login('victim'), stateOfSession)));
              const sid = await value(SID);
              const changed = sid !== planted.current[SID];
              facts.push({
                label: `Server-side: ${SID}`,
                value: changed ? `a new ID: ${truncateMiddle(decodeURIComponent(sid ?? ''), 44)}` : 'the same ID as the planted one',
                tone: changed ? 'good' : 'bad',
              });
              facts.push({
                label: `Client-side: ${SESSION_COOKIE_NAME}`,
                value: sessionJson((await value(SESSION_COOKIE_NAME)) ?? null) ?? '(none)',
                code: true,
              });
              return facts;
            },
          },
        ],
      },
      {
        title: 'The attacker uses the planted cookies',
        text: 'Put the planted copies back, as the attacker’s own browser would send them, and ask each side who that is.',
        actions: [
          {
            label: 'Use the planted cookies',
            primary: true,
            run: async () => {
              if (planted.current === null) throw new Error('Plant a session first (step 1).');
              return replayOnBoth(ctx, planted.current, ': the attacker', [clientSide, serverSide]);
            },
          },
        ],
      },
    ],
    why: [
      'Server-side, the session is whatever the ID points to. If the server kept the ID at login, the attacker’s copy of it would point to the victim’s logged-in session. So the ID is regenerated at every change of user: the old record is destroyed, the session goes on under a new ID, and the planted one points at nothing.',
      'Client-side there is no ID to fix: the cookie is the session. The login writes a new cookie with the username in it; the attacker’s copy is still the old anonymous session.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}

// Lab II, experiment 5: a password in the session is readable by anyone holding the cookie.
import type { LabSessionReport } from '../../contract';
import { sessionJson } from '../cookie-format';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { findRow, SESSION } from '../experiments/facts';
import { answerFact, reportState, sessionOf, through, warningsFact, type ServerLabContext } from './context';
import { labApi, type Answer } from './lab-api';

/** A made-up secret key in the well-known "sk_live_" shape. */
export const DEMO_API_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

export function SensitiveCard({ ctx, hidden }: { ctx: ServerLabContext; hidden: boolean }) {
  const { lab } = ctx;

  const stored = async (answer: Answer<LabSessionReport>, field: string): Promise<Fact[]> => {
    const log = (await lab.serverLabState()).serverLog.filter((line) => line.includes(`"${field}"`));
    return [
      warningsFact(answer.data.state),
      { label: 'Server log', value: log.at(-1) ?? '(nothing logged)', tone: log.length > 0 ? 'bad' : 'neutral', code: log.length > 0 },
    ];
  };

  const spec: CardSpec = {
    id: 'exp-sensitive',
    number: 5,
    title: 'Sensitive data: signed is not secret',
    lead: 'The tutorial’s advice: keep passwords and tokens out of the session. Put some in anyway and see who can read them.',
    steps: [
      {
        title: 'Get a session',
        text: 'Log in.',
        actions: [{ label: 'Log in as heidi', run: async () => [answerFact(await through(ctx, () => labApi.login('heidi'), sessionOf))] }],
      },
      {
        title: 'Store a password',
        text: 'The server stores "password": "hunter2" in the session, as a careless app might “to save a lookup”.',
        actions: [
          {
            label: 'Store a password',
            danger: true,
            run: async () => stored(await through(ctx, () => labApi.stash('password', 'hunter2'), reportState), 'password'),
          },
        ],
      },
      {
        title: 'Store an API key',
        text: 'A field with an innocent name, "note", holding a secret API key.',
        actions: [
          {
            label: 'Store an API key',
            danger: true,
            run: async () => stored(await through(ctx, () => labApi.stash('note', DEMO_API_KEY), reportState), 'note'),
          },
        ],
      },
      {
        title: 'Read the cookie',
        text: 'No key needed: base64-decode the cookie from the jar, as anyone who gets hold of it can.',
        actions: [
          {
            label: 'Decode the cookie',
            primary: true,
            run: async () => {
              const row = findRow(await lab.listCookies(), SESSION);
              if (row === undefined) throw new Error(`There is no ${SESSION} cookie to read: log in first (step 1).`);
              const json = sessionJson(row.value);
              return [
                { label: `Jar: ${SESSION}`, value: `${row.value.slice(0, 24)}… (${row.value.length} characters of base64)`, code: true },
                { label: 'Decoded, without any key', value: json ?? '(not base64 JSON)', code: true, tone: 'bad' },
              ];
            },
          },
        ],
      },
      {
        title: 'Forget it',
        text: 'Remove what the lab stored; the login stays.',
        actions: [{ label: 'Forget the secrets', run: async () => [warningsFact((await through(ctx, labApi.forget, reportState)).data.state)] }],
      },
    ],
    why: [
      'The signature stops anyone from changing the session, not from reading it: the cookie is base64, an encoding that any browser extension, proxy log, shared computer or XSS payload can undo. Experiment 2 showed how long a copy stays useful.',
      'So the server warns, in its log and in every answer, when a session holds something that looks like a password, token or key, by its name or by its shape. Keep an id in the session and the secrets on the server.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}

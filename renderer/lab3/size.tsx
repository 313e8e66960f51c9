// Lab III, experiment 3: 10 KB in the session. Server-side it is a row in the store; client-side it cannot fit in a cookie.
import type { LabSessionReport } from '../../contract';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { on, sideFact, stateOfSession, type Lab3Context } from './context';
import { clientSide, serverSide, type SideAnswer, type SideApi } from './lab3-api';

/** 10 KB, in the steps the lab's stuff endpoint takes. */
export const STUFF_STEPS = 5;
export const STUFF_BYTES = 2000;

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
const reportState = (r: LabSessionReport) => r.state;

export function SizeCard({ ctx, hidden }: { ctx: Lab3Context; hidden: boolean }) {
  /** Five stuffs on one side: the biggest cookie the server sent for them, and what it said it stores. */
  const stuff = async (api: SideApi): Promise<{ biggestCookie: number; last: SideAnswer<LabSessionReport> }> => {
    let biggestCookie = 0;
    let last: SideAnswer<LabSessionReport> | undefined;
    for (let i = 0; i < STUFF_STEPS; i++) {
      last = await on(ctx, api, (a) => a.stuff(STUFF_BYTES), reportState);
      biggestCookie = Math.max(biggestCookie, last.data.cookieBytes);
    }
    return { biggestCookie, last: last! };
  };
  const received = async (api: SideApi): Promise<Fact[]> => {
    const report = await on(ctx, api, (a) => a.report(), reportState);
    const { paddingBytes, cookieBytes, storedBytes, state } = report.data;
    const whole = paddingBytes === STUFF_STEPS * STUFF_BYTES && state.loggedIn;
    return [
      { ...sideFact(api, { ...report, data: state }), tone: state.loggedIn ? 'good' : 'bad' },
      {
        label: `${api.side === 'client' ? 'Client' : 'Server'}-side received`,
        value: `${bytes(paddingBytes)} of padding${whole ? ', all of it' : `, not the ${bytes(STUFF_STEPS * STUFF_BYTES)} it was given`}; the cookie is ${bytes(cookieBytes)}${storedBytes === null ? '' : `, the store’s record ${bytes(storedBytes)}`}`,
        tone: whole ? 'good' : 'bad',
      },
    ];
  };

  const spec: CardSpec = {
    id: 'exp3-size',
    number: 3,
    title: 'Size: 10 KB in the session',
    lead: 'Put 10,000 bytes into the session on both sides, 2,000 at a time. A browser keeps a cookie of at most about 4 KB.',
    steps: [
      {
        title: 'Log in on both sides',
        text: 'Log in as kim, client-side and server-side.',
        actions: [
          {
            label: 'Log in as kim on both',
            run: async () => [
              sideFact(clientSide, await on(ctx, clientSide, (a) => a.login('kim'), stateOfSession)),
              sideFact(serverSide, await on(ctx, serverSide, (a) => a.login('kim'), stateOfSession)),
            ],
          },
        ],
      },
      {
        title: 'Stuff 10 KB',
        text: 'Five requests of 2,000 bytes each, on each side. Then ask each side what it received.',
        actions: [
          {
            label: 'Stuff 10,000 bytes on both',
            primary: true,
            run: async () => {
              const client = await stuff(clientSide);
              const server = await stuff(serverSide);
              const refused = client.biggestCookie > 4096;
              return [
                {
                  label: 'Client-side sent',
                  value: `cookies of up to ${bytes(client.biggestCookie)}${refused ? ': over 4,096, so the browser refused them' : ''}`,
                  tone: refused ? 'bad' : 'neutral',
                },
                {
                  label: 'Server-side sent',
                  value: `a cookie of ${bytes(server.biggestCookie)}; the store holds ${bytes(server.last.data.storedBytes ?? 0)}`,
                  tone: 'good',
                },
                ...(await received(clientSide)),
                ...(await received(serverSide)),
              ];
            },
          },
        ],
      },
      {
        title: 'Clear both',
        text: 'Empty both sessions.',
        actions: [
          {
            label: 'Clear both sessions',
            run: async () => [
              sideFact(clientSide, await on(ctx, clientSide, (a) => a.clear(), stateOfSession)),
              sideFact(serverSide, await on(ctx, serverSide, (a) => a.clear(), stateOfSession)),
            ],
          },
        ],
      },
    ],
    why: [
      'Client-side, the whole session travels in the cookie, base64-encoded (a third bigger). Past about 4 KB the browser silently refuses it, keeps the old cookie and, here, stores only the new small .sig: the pair no longer matches and the session is lost without a word, as Lab II showed.',
      'Server-side, the cookie stays the size of an ID whatever the session holds; the store keeps the 10 KB (this lab’s stores allow 32 KB per session). The cost moves to the server: every request reads the record, every change writes it.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}

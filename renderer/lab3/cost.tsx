// Lab III, experiment 6: what each request costs: the store's reads and writes, counted, and the bench's requests per second.
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { SESSION_BENCH, type BenchFigure } from './bench-figures';
import { on, sideFact, stateOfSession, storeText, type Lab3Context } from './context';
import { clientSide, serverSide, SIDE_LABEL, type SideApi } from './lab3-api';

const figure = (f: BenchFigure) => `${Math.round(f.requestsPerSecond).toLocaleString('en-US')} requests/s, p99 ${f.p99Ms} ms`;

export function CostCard({ ctx, hidden }: { ctx: Lab3Context; hidden: boolean }) {
  /** One request on each side: the answer, and what the store did for it. */
  const each = async (call: (api: SideApi) => ReturnType<SideApi['session']>, what: string): Promise<Fact[]> => {
    const facts: Fact[] = [];
    for (const api of [clientSide, serverSide]) {
      const answer = await on(ctx, api, call, stateOfSession);
      facts.push(sideFact(api, answer, what), {
        label: `${SIDE_LABEL[api.side]} store`,
        value: storeText(answer.store),
        tone: answer.store === null ? 'good' : 'neutral',
      });
    }
    return facts;
  };
  const spec: CardSpec = {
    id: 'exp3-cost',
    number: 6,
    title: 'Cost: what every request asks of the store',
    lead: 'Each server-side answer says what its store did (the Session-Lab-Store header): reads, writes and the time they took. Client-side there is no store: the cost is the cookie, on every request.',
    steps: [
      {
        title: 'Log in and count',
        text: 'Log in as mo on both sides, then count a visit: a change, so a write.',
        actions: [
          {
            label: 'Log in as mo and count',
            primary: true,
            run: async () => {
              await on(ctx, clientSide, (a) => a.login('mo'), stateOfSession);
              const login = await on(ctx, serverSide, (a) => a.login('mo'), stateOfSession);
              return [{ label: 'Server-side store, at login', value: storeText(login.store) }, ...(await each((a) => a.countVisit(), ', counting'))];
            },
          },
        ],
      },
      {
        title: 'Just read',
        text: 'Ask each side who you are: nothing changes, so nothing is written.',
        actions: [{ label: 'Read the session on both', run: () => each((a) => a.session(), ', reading') }],
      },
      {
        title: 'At load',
        text: 'GET /counter under load, from the last bench run: a read and a write of the store on every request, against none.',
        actions: [
          {
            label: 'Show the bench figures',
            run: () =>
              Promise.resolve([
                { label: 'Measured', value: SESSION_BENCH.measured },
                { label: 'Client-side (cookie-session)', value: figure(SESSION_BENCH.client) },
                { label: 'Server-side on SQLite', value: figure(SESSION_BENCH.sqlite) },
                { label: 'Server-side on Redis', value: figure(SESSION_BENCH.redis) },
              ]),
          },
        ],
      },
    ],
    why: [
      'A server-side session costs a store read on every request that carries its cookie, and a write on every change: a counter is a read and a write, each time. A login writes twice (the old record destroyed, the new one saved). Here the answer waits for the write, so an acknowledged change is never lost with the store.',
      'A client-side session costs no store at all: the server verifies an HMAC and re-signs the cookie. It pays in bytes instead: the whole session travels in both directions on every request.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}

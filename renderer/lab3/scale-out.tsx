// Lab III, experiment 5: two server-side instances, with a memory store each, then with one shared store.
import type { SessionKindsState, SessionState } from '../../contract';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { on, sideFact, stateOfSession, type Lab3Context } from './context';
import { serverSide, type SideAnswer } from './lab3-api';

export function ScaleOutCard({ ctx, hidden, kinds }: { ctx: Lab3Context; hidden: boolean; kinds: SessionKindsState | null }) {
  const { lab } = ctx;

  const start = async (shared: boolean): Promise<Fact[]> => {
    if (ctx.kindsNow()?.scaleOut) ctx.showKinds(await lab.stopServerSideScaleOut());
    const state = await lab.startServerSideScaleOut(shared);
    ctx.showKinds(state);
    const scale = state.scaleOut!;
    return [
      { label: 'Instances', value: scale.instances.map((url, i) => `S${i + 1} ${url}`).join(' · ') },
      {
        label: 'Their store',
        value: scale.shared ? `shared: ${scale.store.description}` : 'memory: each instance its own',
        tone: scale.shared ? 'good' : 'bad',
      },
    ];
  };
  /** Logs in, then counts visits: four requests, taking turns. */
  const burst = async (): Promise<Fact[]> => {
    const answers: SideAnswer<SessionState>[] = [await on(ctx, serverSide, (a) => a.login('lena'), stateOfSession)];
    for (let i = 0; i < 3; i++) answers.push(await on(ctx, serverSide, (a) => a.countVisit(), stateOfSession));
    return answers.map((a, i) => sideFact(serverSide, a, `, request ${i + 1}`));
  };

  const shared = kinds?.sharedStore ?? null;
  const spec: CardSpec = {
    id: 'exp3-scale',
    number: 5,
    title: 'Scale-out: every instance needs the store',
    lead: `Two server-side instances take turns under /server-side/, like a load balancer; each answer names its instance. First each keeps sessions in its own memory, then both use ${shared === null ? 'one shared store (none here: the lab runs without a data directory)' : `one shared store: ${shared.description}`}.`,
    steps: [
      {
        title: 'A memory store each',
        text: 'Start S1 and S2, each with express-session’s MemoryStore.',
        actions: [{ label: 'Start two instances (memory each)', primary: true, run: () => start(false) }],
      },
      {
        title: 'Log in and count',
        text: 'Four requests: log in as lena, then three visits, alternating S1 and S2.',
        actions: [{ label: 'Log in as lena and count 3 visits', run: burst }],
      },
      {
        title: 'One shared store',
        text: `Restart both on the same store${shared === null ? '' : ` (${shared.kind === 'redis' ? 'Redis' : 'the SQLite file'})`}.`,
        actions: [{ label: 'Start two instances (shared store)', primary: true, run: () => start(true) }],
      },
      { title: 'Log in and count again', text: 'The same four requests.', actions: [{ label: 'Log in and count again', run: burst }] },
      {
        title: 'Back to one instance',
        text: 'Stop S1 and S2.',
        actions: [
          {
            label: 'Stop the two instances',
            run: async () => {
              const state = await lab.stopServerSideScaleOut();
              ctx.showKinds(state);
              return [{ label: 'Server-side', value: `one instance again, on ${state.serverSide.store.description}` }];
            },
          },
        ],
      },
    ],
    why: [
      'With a memory store each, S1 knows the login and S2 has never heard of the ID: S2 starts a new session, its cookie replaces S1’s, and every hop loses the session. Sticky sessions (always the same instance) hide this until that instance restarts.',
      'With one store, any instance finds the record: the session carries on. That is the price of server-side sessions at scale: a store every instance reaches, on every request (SQLite on one machine, Redis for many). Client-side sessions need none: the cookie carries the session (Lab II’s scale-out needed only the same keys).',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}

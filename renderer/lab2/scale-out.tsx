// Lab II, experiment 4: two server instances, one session, because the state is in the cookie.
import type { SessionState } from '../../contract';
import { ExperimentCard, type CardSpec, type Fact } from '../experiment-card';
import { answerFact, sessionOf, through, type ServerLabContext } from './context';
import { labApi, type Answer } from './lab-api';

export function ScaleOutCard({ ctx, hidden }: { ctx: ServerLabContext; hidden: boolean }) {
  const { lab } = ctx;

  const start = async (sameKeys: boolean): Promise<Fact[]> => {
    const state = await lab.startSecondInstance(sameKeys);
    ctx.showServer(state);
    return [
      { label: 'Instance A', value: `${location.origin}: the window’s server, now alternating session requests with B` },
      {
        label: 'Instance B',
        value: `${state.secondInstance?.url ?? '?'}: ${sameKeys ? 'the same keys as A' : 'a key of its own'}`,
        tone: sameKeys ? 'good' : 'bad',
      },
    ];
  };
  /** Logs in, then counts visits: each answer names the instance that gave it. */
  const burst = async (): Promise<Fact[]> => {
    const answers: Answer<SessionState>[] = [await through(ctx, () => labApi.login('frank'), sessionOf)];
    for (let i = 0; i < 3; i++) answers.push(await through(ctx, labApi.countVisit, sessionOf));
    return answers.map((a, i) => answerFact(a, `Request ${i + 1}`));
  };
  const stop = async (): Promise<Fact[]> => {
    const state = await lab.stopSecondInstance();
    ctx.showServer(state);
    return [{ label: 'Instance B', value: 'stopped: A answers every request again' }];
  };

  const spec: CardSpec = {
    id: 'exp-scale',
    number: 4,
    title: 'Scale-out: two servers, one session',
    lead: 'Start a second server. Instance A now passes every other session request to B, like a load balancer, and each answer names its instance.',
    steps: [
      {
        title: 'Start B with the same keys',
        text: 'B shares nothing with A but the keys.',
        actions: [{ label: 'Start instance B (same keys)', primary: true, run: () => start(true) }],
      },
      {
        title: 'Log in and count',
        text: 'Four requests: log in, then three visits, alternating between the instances.',
        actions: [{ label: 'Log in as frank and count 3 visits', run: burst }],
      },
      {
        title: 'Give B its own key',
        text: 'Stop B and start it again with a key A does not have.',
        actions: [
          {
            label: 'Restart B with its own key',
            danger: true,
            run: async () => {
              ctx.showServer(await lab.stopSecondInstance());
              return start(false);
            },
          },
        ],
      },
      {
        title: 'Log in and count again',
        text: 'The same four requests.',
        actions: [{ label: 'Log in and count again', run: burst }],
      },
      {
        title: 'Stop B',
        text: 'Back to one instance.',
        actions: [{ label: 'Stop instance B', run: stop }],
      },
    ],
    why: [
      'Neither instance remembers anything: each request brings the whole session in its cookie, and either instance can check the signature and carry on counting. That is why client-side sessions scale out without sticky sessions or a shared store.',
      'All it takes is the same keys. With different keys each instance treats the other’s cookie as forged: it starts an empty session and deletes the .sig, so the login is lost and the count restarts on every hop. Rotate keys on every instance together.',
    ],
  };
  return <ExperimentCard {...spec} hidden={hidden} />;
}

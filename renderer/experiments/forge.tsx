// Experiment 2: the same edit, signed with the server's key: the server accepts it.
import { api } from '../api-client';
import { ExperimentCard } from '../experiment-card';
import { useLocalStore } from '../store';
import { parsePayload, type ExperimentContext } from './context';
import { jarFacts, serverFact, verdictFact } from './facts';
import { FORGED_PAYLOAD, PayloadEditor } from './payload-editor';

export function ForgeCard({ ctx, hidden }: { ctx: ExperimentContext; hidden: boolean }) {
  const { lab } = ctx;
  const [, payload] = useLocalStore(() => FORGED_PAYLOAD);
  return (
    <ExperimentCard
      id="exp-forge"
      hidden={hidden}
      number={2}
      title="Forge: sign it with the key"
      lead="Now the same edit, signed with the server’s own key. The main process does the signing, so the key still never reaches this window."
      steps={[
        {
          title: 'Sign and write',
          text: 'Main signs the payload with the server’s newest key and writes the session cookie and its .sig into the jar, with the session cookie’s attributes.',
          extra: <PayloadEditor id="forge-payload" label="Payload to sign (JSON)" text={payload} />,
          actions: [
            {
              label: 'Sign with the server’s key',
              primary: true,
              run: async () => {
                await lab.forgeSession(parsePayload(payload.get()), 'server');
                ctx.markStale();
                await ctx.refresh();
                return [...(await jarFacts(lab, { signature: 'signed by main' })), await verdictFact(lab)];
              },
            },
          ],
        },
        {
          title: 'Send the next request',
          text: 'The browser sends the forged pair.',
          actions: [{ label: 'Send a request', run: async () => [serverFact(await ctx.session(api.session)), await verdictFact(lab)] }],
        },
      ]}
      why={[
        'These are the same bytes as in the tampering experiment, plus the one thing you could not make yourself: a signature made with the key. The server cannot tell this cookie from one it issued: whoever holds the key can be anyone.',
        'That is the whole point of the secret, and why it must be long, random, kept out of the code and never published.',
      ]}
    />
  );
}

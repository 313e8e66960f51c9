// Experiment 1: change the payload in the jar without the key; the server notices.
import { api } from '../api-client';
import { encodeSessionJson } from '../cookie-format';
import { ExperimentCard } from '../experiment-card';
import { useLocalStore } from '../store';
import { parsePayload, type ExperimentContext } from './context';
import { changeFacts, findRow, jarFacts, serverFact, SESSION, SIGNATURE, verdictFact } from './facts';
import { FORGED_PAYLOAD, PayloadEditor } from './payload-editor';

export function TamperCard({ ctx, hidden }: { ctx: ExperimentContext; hidden: boolean }) {
  const { lab } = ctx;
  const [, payload] = useLocalStore(() => FORGED_PAYLOAD);
  return (
    <ExperimentCard
      id="exp-tamper"
      hidden={hidden}
      number={1}
      title="Tamper: edit the session without the key"
      lead="The session is base64 JSON in a cookie you hold. Rewrite it, keep the old signature, and see whether the server believes you."
      steps={[
        {
          title: 'Get a session',
          text: 'Log in, so the jar holds a session signed by the server.',
          actions: [{ label: 'Log in as alice', run: async () => [serverFact(await ctx.session(() => api.login('alice'))), await verdictFact(lab)] }],
        },
        {
          title: 'Edit the payload',
          text: 'Make yourself admin with 1000 visits. The app encodes it as cookie-session would and writes it into the jar, keeping the cookie’s attributes and the old .sig.',
          extra: <PayloadEditor id="tamper-payload" label="New payload (JSON)" text={payload} />,
          actions: [
            {
              label: 'Write it into the jar',
              primary: true,
              run: async () => {
                const parsed = parsePayload(payload.get());
                const rows = await lab.listCookies();
                const signature = findRow(rows, SIGNATURE)?.value;
                if (findRow(rows, SESSION) === undefined) throw new Error(`There is no ${SESSION} cookie to tamper with: log in first (step 1).`);
                await lab.setCookieValue(SESSION, encodeSessionJson(JSON.stringify(parsed)));
                ctx.markStale();
                await ctx.refresh();
                return [...(await jarFacts(lab, { signature: signature === undefined ? undefined : 'unchanged' })), await verdictFact(lab)];
              },
            },
          ],
        },
        {
          title: 'Send the next request',
          text: 'The browser sends the edited cookie with the old signature.',
          actions: [
            {
              label: 'Send a request',
              run: async () => {
                const { result, changes } = await ctx.watchJar(() => ctx.session(api.session));
                return [serverFact(result), ...changeFacts(changes), await verdictFact(lab)];
              },
            },
          ],
        },
      ]}
      why={[
        'cookie-session computes an HMAC of “lab_session=<value>” with its secret key and compares it with lab_session.sig. You changed the value, not the signature, and without the key you cannot make a matching one.',
        'So the server treats the cookie as if it were not there: a new, empty session (not logged in), and its answer tells the browser to delete the .sig cookie. The data was readable and writable all along; the signature protects its integrity, not its secrecy.',
      ]}
    />
  );
}

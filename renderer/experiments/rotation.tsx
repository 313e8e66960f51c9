// Experiment 4: rotate the key step by step: add a new one, re-sign, drop the old one.
import { useRef } from 'preact/hooks';
import type { CookieRow, ExperimentsState } from '../../contract';
import { api } from '../api-client';
import { ExperimentCard } from '../experiment-card';
import type { ExperimentContext } from './context';
import { changeFacts, findRow, ringFact, serverFact, SESSION, SIGNATURE, verdictFact } from './facts';

export function RotationCard({ ctx, state, hidden }: { ctx: ExperimentContext; state: ExperimentsState | null; hidden: boolean }) {
  const { lab } = ctx;
  // The cookie pair as it was before re-signing: a browser that has not been back since. Shown nowhere, kept across steps.
  const snapshot = useRef<{ value: string; sig: string } | null>(null);

  return (
    <ExperimentCard
      id="exp-rotate"
      hidden={hidden}
      number={4}
      title="Key rotation, step by step"
      lead="Replace the key without logging everyone out at once. In the lab the rotation lives in memory: the stored key file is not changed, and the next start uses it again."
      aside={
        <div class="exp-field">
          <p class="hint">The server’s keys now, newest first (the first signs, all verify):</p>
          <ol class="key-ring" id="key-ring" aria-label="The server’s keys, newest first">
            {(state?.keys ?? []).map((k, i) => (
              <li key={`${i}:${k.label}`} class={`key key-${k.kind}`}>
                <span class="key-label">{k.label}</span> <span class="key-role">{i === 0 ? 'signs and verifies' : 'verifies only'}</span>
              </li>
            ))}
          </ol>
        </div>
      }
      steps={[
        {
          title: 'Get a session',
          text: 'Log in: the cookie is signed with the current key.',
          actions: [{ label: 'Log in as carol', run: async () => [serverFact(await ctx.session(() => api.login('carol'))), await verdictFact(lab)] }],
        },
        {
          title: 'Add a new key',
          text: 'A new random key goes first and signs; the old one still verifies. The app also keeps a copy of your cookie as it is now.',
          actions: [
            {
              label: 'Add a new key',
              primary: true,
              run: async () => {
                const next = await lab.addSigningKey();
                ctx.setState(next);
                const rows = await lab.listCookies();
                const [value, sig] = [findRow(rows, SESSION)?.value, findRow(rows, SIGNATURE)?.value];
                snapshot.current = value !== undefined && sig !== undefined ? { value, sig } : null;
                await ctx.refresh();
                return [
                  ringFact(next),
                  await verdictFact(lab),
                  {
                    label: 'Copy kept',
                    value: snapshot.current ? 'the cookie pair signed with the old key' : 'none: there is no session cookie (log in first)',
                  },
                ];
              },
            },
          ],
        },
        {
          title: 'Write to the session',
          text: 'Any change to the session makes the server sign it again, now with the new key.',
          actions: [
            {
              label: 'Count a visit',
              run: async () => {
                const { result, changes } = await ctx.watchJar(() => ctx.session(api.countVisit));
                return [serverFact(result), ...changeFacts(changes), await verdictFact(lab)];
              },
            },
          ],
        },
        {
          title: 'Drop the old key',
          text: 'Only the new key is left. Sessions that were re-signed keep working.',
          actions: [
            {
              label: 'Drop the old key',
              danger: true,
              run: async () => {
                const next = await lab.dropOlderKeys();
                ctx.setState(next);
                await ctx.refresh();
                return [ringFact(next), await verdictFact(lab)];
              },
            },
          ],
        },
        {
          title: 'Send the old copy',
          text: 'Put back the copy signed only with the old key, as a browser that has not visited since would send it.',
          actions: [
            {
              label: 'Send the old copy',
              run: async () => {
                const copy = snapshot.current;
                if (copy === null) throw new Error('There is no copy yet: log in (step 1), then add a key (step 2).');
                const rows: CookieRow[] = await lab.listCookies();
                if (findRow(rows, SESSION) === undefined || findRow(rows, SIGNATURE) === undefined) {
                  throw new Error('The jar has no session cookie to put the copy into: log in again (step 1) and start over.');
                }
                await lab.setCookieValue(SESSION, copy.value);
                await lab.setCookieValue(SIGNATURE, copy.sig);
                const before = await verdictFact(lab);
                const { result, changes } = await ctx.watchJar(() => ctx.session(api.session));
                return [{ ...before, label: 'Verdict on the old copy' }, serverFact(result), ...changeFacts(changes)];
              },
            },
          ],
        },
        {
          title: 'Back to the stored key',
          text: 'End the experiment: the server restarts on the stored key(s).',
          actions: [
            {
              label: 'Restore the stored key',
              run: async () => {
                const next = await lab.restoreStoredKeys();
                ctx.setState(next);
                await ctx.refresh();
                return [ringFact(next), await verdictFact(lab)];
              },
            },
          ],
        },
      ]}
      why={[
        'cookie-session signs with the first key and verifies with all of them. Adding a key first keeps every existing session valid (“key #2, older”), and each visit that writes the session re-signs it with the new key.',
        'Once people have been back, the old key can go. A cookie still signed only with it no longer verifies: that visitor simply has no session and logs in again. No server-side list was needed: the key is the revocation switch, for everyone at once.',
        'To rotate Session Lab’s own key for real, add a new first line to the session-secret file in its data folder (see the README) and restart.',
      ]}
    />
  );
}

// Experiment 3 (INSECURE DEMO): a weak, well-known key is cracked from one cookie, and sessions forged.
import type { ExperimentsState, WeakKeyChoice } from '../../contract';
import { api } from '../api-client';
import { ExperimentCard } from '../experiment-card';
import { useLocalStore } from '../store';
import type { ExperimentContext } from './context';
import { changeFacts, count, crackFacts, formatMs, ringFact, serverFact, verdictFact } from './facts';

const CHOICES: Record<WeakKeyChoice, string> = {
  tutorial: 'The Flask tutorial’s example key',
  framework: 'A framework documentation’s example key',
  password: 'A common password (deep in the list)',
};

export const INSECURE_BANNER =
  'INSECURE DEMO: the server now signs with a weak key from a public list. It exists only in memory; Session Lab never starts with such a key, and quitting leaves nothing of it behind.';

interface Progress {
  max: number;
  /** null while the wordlist loads: the bar has no value yet. */
  value: number | null;
  text: string;
}

export function WeakSecretCard({ ctx, state, hidden }: { ctx: ExperimentContext; state: ExperimentsState | null; hidden: boolean }) {
  const { lab } = ctx;
  const [choice, chosen] = useLocalStore<WeakKeyChoice>(() => 'tutorial');
  const [progress, bar] = useLocalStore<Progress>(() => ({ max: 1, value: 0, text: 'Not started.' }));
  const showProgress = (tried: number, total: number, elapsedMs: number, done = false): void =>
    bar.set({ max: Math.max(total, 1), value: tried, text: `${count(tried)} of ${count(total)} candidates tried · ${formatMs(elapsedMs)}${done ? '' : '…'}` });

  return (
    <ExperimentCard
      id="exp-weak"
      hidden={hidden}
      number={3}
      title="Weak secret: crack it, then be anyone"
      lead="An insecure demo of what happens when a key comes from a tutorial or a password list. It is marked as such while it runs; Restore puts the strong key back."
      banner={state?.mode === 'weak-demo' ? INSECURE_BANNER : null}
      steps={[
        {
          title: 'Restart on a weak key',
          text: 'The embedded server restarts on the same address, signing with a key from a public list. Which one? Pretend you do not know.',
          extra: (
            <div class="exp-field">
              <label for="weak-key-choice">Weak key</label>
              <select id="weak-key-choice" value={choice} onChange={(event) => chosen.set(event.currentTarget.value as WeakKeyChoice)}>
                {Object.entries(CHOICES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          ),
          actions: [
            {
              label: 'Restart on the weak key',
              danger: true,
              run: async () => {
                const next = await lab.startWeakKeyDemo(chosen.get());
                ctx.setState(next);
                await ctx.refresh();
                return [ringFact(next), await verdictFact(lab)];
              },
            },
          ],
        },
        {
          title: 'Get a cookie',
          text: 'Log in as an ordinary user: the server hands you a cookie signed with its key. That one cookie is all an attacker needs.',
          actions: [{ label: 'Log in as bob', run: async () => [serverFact(await ctx.session(() => api.login('bob'))), await verdictFact(lab)] }],
        },
        {
          title: 'Crack the key',
          text: 'Try every candidate of the built-in wordlist (well-known tutorial and default secrets, then common passwords) against the cookie’s signature, offline, in a worker thread.',
          extra: (
            <div class="crack-progress">
              <progress id="crack-progress" max={progress.max} value={progress.value ?? undefined} aria-labelledby="crack-status" />
              <p id="crack-status" class="crack-status">
                {progress.text}
              </p>
            </div>
          ),
          actions: [
            {
              label: 'Crack the key from the cookie',
              primary: true,
              run: async () => {
                bar.update((p) => ({ ...p, value: null, text: 'Loading the wordlist…' }));
                // Progress may still be in flight when the answer comes: after it, or going backwards, it is stale.
                let finished = false;
                let tried = 0;
                const stop = lab.onCrackProgress((p) => {
                  if (finished || p.tried < tried) return;
                  tried = p.tried;
                  showProgress(p.tried, p.total, p.elapsedMs);
                });
                try {
                  const outcome = await lab.crackSessionKey();
                  finished = true;
                  showProgress(outcome.tried, outcome.total, outcome.elapsedMs, true);
                  ctx.setState(await lab.experimentsState());
                  // The jar's findings read the crack's result: a found key flags the cookies it signs.
                  await ctx.refresh();
                  return crackFacts(outcome);
                } catch (err) {
                  finished = true;
                  bar.update((p) => ({ ...p, value: 0, text: 'Stopped.' }));
                  throw err;
                } finally {
                  stop();
                }
              },
            },
          ],
        },
        {
          title: 'Forge admin with the cracked key',
          text: 'Sign {"username":"admin"} with the key the crack found (not the server’s: the attacker never asked it) and send it.',
          actions: [
            {
              label: 'Forge admin and send it',
              run: async () => {
                await lab.forgeSession({ username: 'admin' }, 'cracked');
                const answer = await ctx.session(api.session);
                return [{ label: 'Signed with', value: 'the cracked key' }, serverFact(answer), await verdictFact(lab)];
              },
            },
          ],
        },
        {
          title: 'Restore the strong key',
          text: 'Restart on the stored key and send the forged cookie again.',
          actions: [
            {
              label: 'Restore the strong key',
              primary: true,
              run: async () => {
                const next = await lab.restoreStoredKeys();
                ctx.setState(next);
                const { result, changes } = await ctx.watchJar(() => ctx.session(api.session));
                return [ringFact(next), serverFact(result), ...changeFacts(changes), await verdictFact(lab)];
              },
            },
          ],
        },
      ]}
      why={[
        'An HMAC is only as secret as its key. With one cookie, anyone can test guesses offline as fast as their processor computes HMAC-SHA1: no server to ask, no rate limit, no lockout. A key from a tutorial or a password list falls in milliseconds, and then every session is forgeable.',
        'A key of 32 random bytes has 2^256 possible values: no list holds it and no search finds it. That is why Session Lab refuses weak keys at start and generates a random one.',
      ]}
    />
  );
}

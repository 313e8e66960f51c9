// Experiment 3 (INSECURE DEMO): a weak, well-known key is cracked from one cookie, and sessions forged.
import type { ExperimentsState, WeakKeyChoice } from '../../contract';
import { api } from '../api-client';
import { h } from '../dom';
import { createExperimentCard, type ExperimentCard } from '../experiment-card';
import type { ExperimentContext } from './context';
import { changeFacts, count, crackFacts, formatMs, ringFact, serverFact, verdictFact } from './facts';

const CHOICES: Record<WeakKeyChoice, string> = {
  tutorial: 'The Flask tutorial’s example key',
  framework: 'A framework documentation’s example key',
  password: 'A common password (deep in the list)',
};

export const INSECURE_BANNER =
  'INSECURE DEMO: the server now signs with a weak key from a public list. It exists only in memory; Session Lab never starts with such a key, and quitting leaves nothing of it behind.';

export interface WeakSecretCard extends ExperimentCard {
  showState(state: ExperimentsState): void;
}

export function weakSecretCard(ctx: ExperimentContext): WeakSecretCard {
  const { lab } = ctx;
  const select = h('select', { id: 'weak-key-choice' }, ...Object.entries(CHOICES).map(([value, label]) => h('option', { value }, label)));
  const chooser = h('div', { className: 'exp-field' }, h('label', { for: 'weak-key-choice' }, 'Weak key'), select);

  const bar = h('progress', { id: 'crack-progress', max: '1', 'aria-labelledby': 'crack-status' });
  bar.value = 0;
  const status = h('p', { id: 'crack-status', className: 'crack-status' }, 'Not started.');
  const progress = h('div', { className: 'crack-progress' }, bar, status);
  const showProgress = (tried: number, total: number, elapsedMs: number, done = false): void => {
    bar.max = Math.max(total, 1);
    bar.value = tried;
    status.textContent = `${count(tried)} of ${count(total)} candidates tried · ${formatMs(elapsedMs)}${done ? '' : '…'}`;
  };

  const card = createExperimentCard({
    id: 'exp-weak',
    number: 3,
    title: 'Weak secret: crack it, then be anyone',
    lead: 'An insecure demo of what happens when a key comes from a tutorial or a password list. It is marked as such while it runs; Restore puts the strong key back.',
    steps: [
      {
        title: 'Restart on a weak key',
        text: 'The embedded server restarts on the same address, signing with a key from a public list. Which one? Pretend you do not know.',
        extra: chooser,
        actions: [
          {
            label: 'Restart on the weak key',
            danger: true,
            run: async () => {
              const state = await lab.startWeakKeyDemo(select.value as WeakKeyChoice);
              ctx.setState(state);
              await ctx.refresh();
              return [ringFact(state), await verdictFact(lab)];
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
        extra: progress,
        actions: [
          {
            label: 'Crack the key from the cookie',
            primary: true,
            run: async () => {
              bar.removeAttribute('value');
              status.textContent = 'Loading the wordlist…';
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
                return crackFacts(outcome);
              } catch (err) {
                finished = true;
                bar.value = 0;
                status.textContent = 'Stopped.';
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
              const state = await ctx.session(api.session);
              return [{ label: 'Signed with', value: 'the cracked key' }, serverFact(state), await verdictFact(lab)];
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
              const state = await lab.restoreStoredKeys();
              ctx.setState(state);
              const { result, changes } = await ctx.watchJar(() => ctx.session(api.session));
              return [ringFact(state), serverFact(result), ...changeFacts(changes), await verdictFact(lab)];
            },
          },
        ],
      },
    ],
    why: [
      'An HMAC is only as secret as its key. With one cookie, anyone can test guesses offline as fast as their processor computes HMAC-SHA1: no server to ask, no rate limit, no lockout. A key from a tutorial or a password list falls in milliseconds, and then every session is forgeable.',
      'A key of 32 random bytes has 2^256 possible values: no list holds it and no search finds it. That is why Session Lab refuses weak keys at start and generates a random one.',
    ],
  });

  return {
    ...card,
    showState(state) {
      card.setBanner(state.mode === 'weak-demo' ? INSECURE_BANNER : null);
    },
  };
}

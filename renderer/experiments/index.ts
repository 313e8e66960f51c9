// Lab I in the window: the view switch, the four experiment cards, and the key ring's state in the header.
import type { ExperimentsState, JarChange, LabBridge } from '../../contract';
import { byId, h } from '../dom';
import type { SessionPanel } from '../session-panel';
import { setupTabs } from '../tabs';
import type { ExperimentContext } from './context';
import { forgeCard } from './forge';
import { rotationCard } from './rotation';
import { tamperCard } from './tamper';
import { weakSecretCard } from './weak-secret';

/** How long to keep listening for the browser's cookie changes after a request. */
const CHANGES_MAX_WAIT_MS = 700;
const CHANGES_QUIET_MS = 150;

/** The header's tabs: the session column or the experiments, with the inspector beside either. */
export function setupViewTabs(): void {
  setupTabs(byId('view-tabs'));
}

/** Runs a request and gathers the jar changes the browser made meanwhile and just after (see ExperimentContext.watchJar). */
export function jarWatcher(lab: LabBridge): ExperimentContext['watchJar'] {
  return async <T>(during: () => Promise<T>): Promise<{ result: T; changes: JarChange[] }> => {
    const changes: JarChange[] = [];
    let last = 0;
    const stop = lab.onJarChanged((batch) => {
      changes.push(...batch);
      last = performance.now();
    });
    try {
      const result = await during();
      const start = performance.now();
      // Chromium reports cookie changes a moment after the response: wait until they stop.
      await new Promise<void>((resolve) => {
        const check = (): void => {
          const now = performance.now();
          if ((changes.length > 0 && now - last >= CHANGES_QUIET_MS) || now - start >= CHANGES_MAX_WAIT_MS) resolve();
          else setTimeout(check, 25);
        };
        check();
      });
      return { result, changes };
    } finally {
      stop();
    }
  };
}

export interface ExperimentsOptions {
  lab: LabBridge;
  panel: Pick<SessionPanel, 'perform' | 'markStale'>;
  refresh: () => Promise<void>;
}

export function setupExperiments(container: HTMLElement, { lab, panel, refresh }: ExperimentsOptions): void {
  const mode = byId('mode');
  const normalMode = mode.textContent ?? '';
  const alert = h('p', { className: 'error exp-server-down', role: 'alert' });

  const watchJar = jarWatcher(lab);

  const listeners: ((state: ExperimentsState) => void)[] = [];
  const setState = (state: ExperimentsState): void => {
    mode.classList.toggle('mode-insecure', state.mode === 'weak-demo');
    mode.textContent = state.mode === 'weak-demo' ? 'INSECURE DEMO · weak key in memory' : state.mode === 'rotated' ? `${normalMode} · keys rotated in memory` : normalMode;
    alert.textContent = state.serverDown ?? '';
    for (const listener of listeners) listener(state);
  };

  const ctx: ExperimentContext = {
    lab,
    session: (action) => panel.perform(action),
    refresh,
    markStale: () => panel.markStale(),
    watchJar,
    setState,
  };

  const weak = weakSecretCard(ctx);
  const rotation = rotationCard(ctx);
  listeners.push(weak.showState, rotation.showState);
  const cards = [
    { tab: '1 Tamper', card: tamperCard(ctx) },
    { tab: '2 Forge', card: forgeCard(ctx) },
    { tab: '3 Weak key', card: weak },
    { tab: '4 Rotate', card: rotation },
  ];
  const tablist = h(
    'div',
    { className: 'exp-tabs', role: 'tablist', 'aria-label': 'Lab I experiments' },
    ...cards.map(({ tab, card }, i) =>
      h('button', { type: 'button', role: 'tab', id: `${card.element.id}-tab`, 'aria-controls': card.element.id, 'aria-selected': String(i === 0) }, tab),
    ),
  );
  for (const { card } of cards) card.element.setAttribute('role', 'tabpanel');
  container.replaceChildren(
    h('div', { className: 'exp-intro' }, h('h2', {}, 'Lab I: experiments'), h('p', { className: 'hint' }, 'Each card is a guided experiment. The inspector on the right shows the jar, the verdict and the changes as you go.'), tablist, alert),
    ...cards.map(({ card }) => card.element),
  );
  setupTabs(tablist);

  // The app may have been left mid-experiment by an earlier window (a reload).
  lab.experimentsState().then(setState, (err: unknown) => {
    alert.textContent = `Cannot read the experiments’ state: ${err instanceof Error ? err.message : String(err)}`;
  });
}

/** In a plain browser the experiments cannot run: they need the jar and the keys main holds. */
export function experimentsNeedDesktop(container: HTMLElement): void {
  container.replaceChildren(
    h('div', { className: 'exp-intro' }, h('h2', {}, 'Lab I: experiments')),
    h(
      'p',
      { className: 'needs-desktop' },
      'The experiments need the desktop app: tampering and forging write HttpOnly cookies into the browser’s jar, and signing, cracking and key rotation happen in the main process, next to the keys.',
    ),
  );
}

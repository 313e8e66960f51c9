// Lab II in the window: the five experiment cards on the server's settings, and the line that says what the server does now.
import type { ServerLabState } from '../../contract';
import { h } from '../dom';
import { jarWatcher, type ExperimentsOptions } from '../experiments';
import { setupTabs } from '../tabs';
import { attributesCard } from './attributes';
import { createObserver, serverSettingsText, type ServerLabContext } from './context';
import { replayCard } from './replay';
import { scaleOutCard } from './scale-out';
import { sensitiveCard } from './sensitive';
import { sizeBudgetCard } from './size-budget';

export function setupServerLab(container: HTMLElement, { lab, panel, refresh }: ExperimentsOptions): void {
  const settings = h('p', { className: 'hint server-settings', id: 'server-settings', 'aria-live': 'polite' }, 'Asking the server…');
  const alert = h('p', { className: 'error exp-server-down', role: 'alert' });
  const showServer = (state: ServerLabState): void => {
    settings.textContent = `Server now: ${serverSettingsText(state)}`;
    alert.textContent = state.serverDown ?? '';
  };
  const watchJar = jarWatcher(lab);
  const ctx: ServerLabContext = {
    lab,
    session: (action) => panel.perform(action),
    refresh,
    markStale: () => panel.markStale(),
    watchJar,
    observe: createObserver(lab, watchJar),
    showServer,
  };

  const cards = [
    { tab: '1 Size', card: sizeBudgetCard(ctx) },
    { tab: '2 Replay', card: replayCard(ctx) },
    { tab: '3 Attributes', card: attributesCard(ctx) },
    { tab: '4 Scale-out', card: scaleOutCard(ctx) },
    { tab: '5 Secrets', card: sensitiveCard(ctx) },
  ];
  const tablist = h(
    'div',
    { className: 'exp-tabs exp-tabs-5', role: 'tablist', 'aria-label': 'Lab II experiments' },
    ...cards.map(({ tab, card }, i) =>
      h('button', { type: 'button', role: 'tab', id: `${card.element.id}-tab`, 'aria-controls': card.element.id, 'aria-selected': String(i === 0) }, tab),
    ),
  );
  for (const { card } of cards) card.element.setAttribute('role', 'tabpanel');
  container.replaceChildren(
    h('div', { className: 'exp-intro' }, h('h2', {}, 'Lab II: limits and trade-offs'), settings, tablist, alert),
    ...cards.map(({ card }) => card.element),
  );
  setupTabs(tablist);

  lab.serverLabState().then(showServer, (err: unknown) => {
    alert.textContent = `Cannot read the server’s settings: ${err instanceof Error ? err.message : String(err)}`;
  });
}

/** In a plain browser Lab II cannot run: it restarts the server and reads the jar, which only the desktop app can. */
export function serverLabNeedsDesktop(container: HTMLElement): void {
  container.replaceChildren(
    h('div', { className: 'exp-intro' }, h('h2', {}, 'Lab II: limits and trade-offs')),
    h(
      'p',
      { className: 'needs-desktop' },
      'Lab II needs the desktop app: it restarts the server with other settings, starts a second instance, and compares what the server sent with what the browser’s jar kept.',
    ),
  );
}

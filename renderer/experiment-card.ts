// A guided experiment card: what to do (steps with their buttons), what happened
// (facts from real data, under each step), and why. Lab I's four experiments use it; so can Lab II's.
import { h } from './dom';

export type FactTone = 'good' | 'bad' | 'neutral';

/** One observation, from real data: a verdict, the server's answer, a jar row, a change. */
export interface Fact {
  label: string;
  value: string;
  tone?: FactTone;
  /** Show the value as code (cookie values, JSON, keys). */
  code?: boolean;
}

export interface CardAction {
  label: string;
  /** Does the step; the facts it returns are what happened. A rejection is shown as the card's error. */
  run: () => Promise<Fact[]>;
  primary?: boolean;
  danger?: boolean;
}

export interface CardStep {
  /** Short name, also the heading of this step's facts. */
  title: string;
  text: string;
  /** Inputs or live output the step needs (a payload editor, a progress bar). */
  extra?: Node;
  actions: CardAction[];
}

export interface CardSpec {
  /** The card's id; its parts get ids from it. */
  id: string;
  number: number;
  title: string;
  lead: string;
  /** Something to keep in view above the steps (the key ring). */
  aside?: Node;
  steps: CardStep[];
  why: string[];
}

export interface ExperimentCard {
  element: HTMLElement;
  /** A warning across the card (the insecure demo); null hides it. */
  setBanner(text: string | null): void;
  /** Shows the facts as if `step` had just run (for updates that come from elsewhere). */
  record(step: string, facts: Fact[]): void;
}

export function createExperimentCard(spec: CardSpec): ExperimentCard {
  const titleId = `${spec.id}-title`;
  const banner = h('p', { className: 'exp-banner', role: 'status' });
  banner.hidden = true;
  const error = h('p', { className: 'error exp-error', role: 'alert', id: `${spec.id}-error` });
  const buttons: HTMLButtonElement[] = [];
  // Each step shows what happened right under its buttons, so cause and effect sit together.
  const results = spec.steps.map((step, i) => {
    const region = h('div', { className: 'exp-result', id: `${spec.id}-step-${i + 1}`, 'data-step': step.title, 'aria-live': 'polite' });
    region.hidden = true;
    return region;
  });

  const record = (step: string, facts: Fact[]): void => {
    const at = spec.steps.findIndex((s) => s.title === step);
    if (at === -1) return;
    // A step run again makes the results of the steps after it stale.
    results.forEach((region, i) => {
      if (i < at) return;
      region.replaceChildren();
      region.hidden = true;
    });
    const region = results[at]!;
    if (facts.length === 0) return;
    region.replaceChildren(h('h4', {}, 'What happened'), h('dl', { className: 'facts' }, ...facts.map(factRow)));
    region.hidden = false;
    region.scrollIntoView({ block: 'nearest' });
  };

  const runAction = (step: CardStep, action: CardAction): void => {
    error.textContent = '';
    for (const b of buttons) b.disabled = true;
    action
      .run()
      .then(
        (facts) => record(step.title, facts),
        (err: unknown) => {
          error.textContent = err instanceof Error ? err.message : String(err);
        },
      )
      .finally(() => {
        for (const b of buttons) b.disabled = false;
      });
  };

  const steps = h(
    'ol',
    { className: 'exp-steps' },
    ...spec.steps.map((step, i) => {
      const actions = step.actions.map((action) => {
        const button = h('button', { type: 'button', className: [action.primary ? 'primary' : '', action.danger ? 'danger' : ''].join(' ').trim() }, action.label);
        button.addEventListener('click', () => runAction(step, action));
        buttons.push(button);
        return button;
      });
      return h(
        'li',
        { className: 'exp-step' },
        h('p', {}, h('strong', {}, `${step.title}. `), step.text),
        step.extra ?? null,
        h('div', { className: 'actions' }, ...actions),
        results[i]!,
      );
    }),
  );

  const element = h(
    'section',
    { className: 'card experiment-card', id: spec.id, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, h('span', { className: 'exp-number', 'aria-hidden': 'true' }, String(spec.number)), spec.title),
    h('p', { className: 'exp-lead' }, spec.lead),
    banner,
    spec.aside ?? null,
    h('h3', {}, 'What to do, and what happened'),
    steps,
    error,
    h('h3', {}, 'Why'),
    h('div', { className: 'exp-why' }, ...spec.why.map((p) => h('p', {}, p))),
  );

  return {
    element,
    setBanner(text) {
      banner.textContent = text ?? '';
      banner.hidden = text === null;
    },
    record,
  };
}

function factRow(fact: Fact): HTMLElement {
  return h(
    'div',
    { className: `fact fact-${fact.tone ?? 'neutral'}` },
    h('dt', {}, fact.label),
    h('dd', {}, fact.code ? h('code', {}, fact.value) : fact.value),
  );
}

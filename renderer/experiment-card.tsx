// A guided experiment card: what to do (steps with their buttons), what happened
// (facts from real data, under each step), and why. Lab I's four experiments use it, and Lab II's five.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { errorMessage } from '../contract';
import { useLane } from './request-lane';
import { useLocalStore } from './store';

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
  extra?: ComponentChildren;
  actions: CardAction[];
}

export interface CardSpec {
  /** The card's id; its parts get ids from it. */
  id: string;
  number: number;
  title: string;
  lead: string;
  /** A warning across the card (the insecure demo); null or absent hides it. */
  banner?: string | null;
  /** Something to keep in view above the steps (the key ring). */
  aside?: ComponentChildren;
  steps: CardStep[];
  why: string[];
  /** Set by the tabs that show one card at a time. */
  hidden?: boolean;
}

interface CardState {
  /** Per step, what its last run found; null: not run (or made stale by an earlier step run again). */
  results: (Fact[] | null)[];
  error: string;
  busy: boolean;
  /** The step whose facts were just recorded, to bring into view. */
  recorded: number | null;
}

export function ExperimentCard({ id, number, title, lead, banner = null, aside, steps, why, hidden = false }: CardSpec) {
  const [card, store] = useLocalStore<CardState>(() => ({ results: steps.map(() => null), error: '', busy: false, recorded: null }));
  const lane = useLane();
  const regions = useRef<(HTMLDivElement | null)[]>([]);
  const titleId = `${id}-title`;

  const record = (at: number, facts: Fact[]): void => {
    // A step run again makes the results of the steps after it stale.
    store.update((s) => ({
      ...s,
      results: s.results.map((r, i) => (i < at ? r : i === at && facts.length > 0 ? facts : null)),
      recorded: facts.length > 0 ? at : null,
    }));
  };

  useLayoutEffect(() => {
    if (card.recorded === null) return;
    regions.current[card.recorded]?.scrollIntoView({ block: 'nearest' });
  }, [card.recorded, card.results]);

  const runAction = (at: number, action: CardAction): void => {
    store.update((s) => ({ ...s, error: '', busy: true }));
    void lane
      .run(action.run, {
        paint: (facts) => record(at, facts),
        fail: (err) => store.update((s) => ({ ...s, error: errorMessage(err) })),
      })
      .then(() => store.update((s) => ({ ...s, busy: false })));
  };

  return (
    <section class="card experiment-card" id={id} aria-labelledby={titleId} role="tabpanel" hidden={hidden}>
      <h2 id={titleId}>
        <span class="exp-number" aria-hidden="true">
          {String(number)}
        </span>
        {title}
      </h2>
      <p class="exp-lead">{lead}</p>
      <p class="exp-banner" role="status" hidden={banner === null}>
        {banner ?? ''}
      </p>
      {aside}
      <h3>What to do, and what happened</h3>
      <ol class="exp-steps">
        {steps.map((step, i) => {
          const facts = card.results[i] ?? null;
          return (
            <li key={step.title} class="exp-step">
              <p>
                <strong>{`${step.title}. `}</strong>
                {step.text}
              </p>
              {step.extra}
              <div class="actions">
                {step.actions.map((action) => (
                  <button
                    key={action.label}
                    type="button"
                    class={[action.primary ? 'primary' : '', action.danger ? 'danger' : ''].join(' ').trim()}
                    disabled={card.busy}
                    onClick={() => runAction(i, action)}
                  >
                    {action.label}
                  </button>
                ))}
              </div>
              {/* Each step shows what happened right under its buttons, so cause and effect sit together. */}
              <div
                ref={(el) => {
                  regions.current[i] = el;
                }}
                class="exp-result"
                id={`${id}-step-${i + 1}`}
                data-step={step.title}
                aria-live="polite"
                hidden={facts === null}
              >
                {facts !== null && <h4>What happened</h4>}
                {facts !== null && (
                  <dl class="facts">
                    {facts.map((fact, n) => (
                      <FactRow key={n} fact={fact} />
                    ))}
                  </dl>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p class="error exp-error" role="alert" id={`${id}-error`}>
        {card.error}
      </p>
      <h3>Why</h3>
      <div class="exp-why">
        {why.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
    </section>
  );
}

function FactRow({ fact }: { fact: Fact }) {
  return (
    <div class={`fact fact-${fact.tone ?? 'neutral'}`}>
      <dt>{fact.label}</dt>
      <dd>{fact.code ? <code>{fact.value}</code> : fact.value}</dd>
    </div>
  );
}

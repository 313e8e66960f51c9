// The Your app tab's keys: the signing key the user types (sent to main once,
// held there, never shown again) and "Try the known weak keys", with progress
// and a Stop. A key the crack finds is on a public list, so it is shown.
import { errorMessage, KEY_ENCODINGS, MAX_TYPED_KEY_CHARS, type KeyEncoding, type TargetCrackOutcome, type TargetInspection } from '../../contract';
import { count } from '../experiments/facts';
import { useLane } from '../request-lane';
import { useLocalStore, useStore } from '../store';
import type { TargetModel } from './target-model';

const ENCODING_LABELS: Record<KeyEncoding, string> = { text: 'Text', hex: 'Hex', base64: 'Base64' };

/** "800 ms", "3.2 s": a run's length, or the time it has left. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The crack's last word, as a sentence. */
export function crackSentence(outcome: TargetCrackOutcome, inspection: TargetInspection | null): string {
  const tried = `${count(outcome.tried)} of ${count(outcome.total)} known keys tried in ${duration(outcome.elapsedMs)}`;
  switch (outcome.outcome) {
    case 'nothing-to-crack':
      return 'No cookie here carries a signature a key could be tried against. Log in to your app first.';
    case 'stopped':
      return `Stopped: ${tried}.`;
    case 'exhausted':
      if (outcome.found === 0) return `No known weak key signs these cookies: ${tried}, on ${outcome.threads} thread${outcome.threads === 1 ? '' : 's'}.`;
      break;
    case 'all-found':
      break;
  }
  const weak = (inspection?.cookies ?? []).filter((c) => c.weakKey !== null).map((c) => c.cookie.name);
  return `Found a known weak key for ${outcome.found} of ${outcome.cookies} signed cookie${outcome.cookies === 1 ? '' : 's'}${weak.length > 0 ? ` (${weak.join(', ')})` : ''}: ${tried}.`;
}

export function KeyCard({ model }: { model: TargetModel }) {
  const { lab } = model;
  const inspection = useStore(model.inspection);
  const progress = useStore(model.progress);
  const [typed, typing] = useLocalStore(() => '');
  const [encoding, encodings] = useLocalStore<KeyEncoding>(() => 'text');
  const [error, errors] = useLocalStore(() => '');
  const [outcome, outcomes] = useLocalStore<TargetCrackOutcome | null>(() => null);
  const [cracking, crackings] = useLocalStore(() => false);
  const lane = useLane();
  const key = inspection?.key ?? { set: false, encoding: null, bytes: 0 };
  const found = (inspection?.cookies ?? []).filter((c) => c.weakKey !== null);

  const submit = (event: Event): void => {
    event.preventDefault();
    errors.set('');
    void lane.run(() => lab.setTargetKey(typing.get(), encodings.get()), {
      paint: (answer) => {
        model.inspection.set(answer);
        // Sent once: the field does not keep it, and main never sends it back.
        typing.set('');
      },
      fail: (err) => errors.set(errorMessage(err)),
    });
  };
  const forget = (): void => {
    errors.set('');
    void lane.run(() => lab.forgetTargetKey(), { paint: (answer) => model.inspection.set(answer), fail: (err) => errors.set(errorMessage(err)) });
  };
  // Not on the lane: Stop must reach main while the crack's call is still waiting for its answer.
  const crack = (): void => {
    errors.set('');
    crackings.set(true);
    outcomes.set(null);
    model.progress.set(null);
    lab
      .crackTargetKeys()
      .then(
        (result) => {
          outcomes.set(result);
          return model.refresh();
        },
        (err: unknown) => errors.set(errorMessage(err)),
      )
      .finally(() => {
        crackings.set(false);
        model.progress.set(null);
      });
  };

  const bar = cracking ? progress : null;
  return (
    <section class="card key-card" aria-labelledby="target-key-title">
      <h2 id="target-key-title">Signing key</h2>
      <form class="key-form" onSubmit={submit} noValidate>
        <label for="target-key">Your app’s secret key</label>
        <p class="hint" id="target-key-hint">
          It goes to the main process and stays in its memory until you forget it or quit: never written to disk, never sent back to any page, never in an export.
        </p>
        <div class="field-row">
          <input
            id="target-key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            maxLength={MAX_TYPED_KEY_CHARS}
            value={typed}
            aria-describedby="target-key-hint target-key-error"
            onInput={(event) => typing.set(event.currentTarget.value)}
          />
          <label for="target-key-encoding" class="visually-hidden">
            Written as
          </label>
          <select id="target-key-encoding" value={encoding} onChange={(event) => encodings.set(event.currentTarget.value as KeyEncoding)}>
            {KEY_ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {ENCODING_LABELS[e]}
              </option>
            ))}
          </select>
          <button type="submit" class="primary" disabled={typed === ''}>
            Check signatures
          </button>
        </div>
      </form>
      <p id="target-key-status" class="key-status" role="status">
        {key.set ? `A key of ${key.bytes} bytes (${ENCODING_LABELS[key.encoding ?? 'text'].toLowerCase()}) is held in main’s memory; each cookie’s verdict is below.` : 'No key given: signatures are not checked.'}
        {key.set && (
          <button type="button" class="small" onClick={forget}>
            Forget the key
          </button>
        )}
      </p>

      <div class="weak-keys">
        <h3>Known weak keys</h3>
        <p class="hint">Tries the built-in list (tutorial and framework example keys, the Flask-Unsign list, common passwords) against every signed cookie, offline, on worker threads.</p>
        <div class="actions">
          <button type="button" id="target-crack" disabled={cracking} onClick={crack}>
            Try the known weak keys
          </button>
          <button type="button" id="target-crack-stop" class="danger" hidden={!cracking} onClick={() => void lab.stopTargetCrack().catch((err: unknown) => errors.set(errorMessage(err)))}>
            Stop
          </button>
        </div>
        <progress id="target-crack-progress" hidden={!cracking} max={Math.max(bar?.total ?? 1, 1)} value={bar?.tried ?? undefined} aria-labelledby="target-crack-status" />
        <p id="target-crack-status" class="crack-status" role="status">
          {cracking
            ? bar === null
              ? 'Loading the list…'
              : `${count(bar.tried)} of ${count(bar.total)} tried · ${count(bar.keysPerSecond)} keys/s${bar.etaMs === null ? '' : ` · about ${duration(bar.etaMs)} left`}`
            : outcome === null
              ? ''
              : crackSentence(outcome, inspection)}
        </p>
        {found.length > 0 && (
          <ul class="found-keys" id="target-found-keys">
            {found.map((c) => (
              <li key={`${c.cookie.name}\u0000${c.cookie.domain}\u0000${c.cookie.path}`}>
                <span class="mono">{c.cookie.name}</span> on {c.cookie.domain.replace(/^\./, '')} is signed with <code class="found-key">{c.weakKey!.key}</code>{' '}
                <span class="muted">
                  ({c.weakKey!.form}, {c.weakKey!.variant}
                  {c.weakKey!.position === null ? '' : `, #${count(c.weakKey!.position)} in the list`})
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id="target-key-error" class="error" role="alert">
        {error}
      </p>
    </section>
  );
}

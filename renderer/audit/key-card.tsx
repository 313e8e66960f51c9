// The signing-key card of a tab that checks cookies (Your app, the Decoder): the
// key the user types (sent to main once, held there, never shown again) and the
// crack with a list (the built-in one, or a wordlist file main's dialog picks),
// with progress and a Stop. A key the crack finds is shown: it is on the public
// built-in list, or in the person's own file.
import {
  errorMessage,
  KEY_ENCODINGS,
  MAX_TYPED_KEY_CHARS,
  type CrackList,
  type DecoderCrackOutcome,
  type DecoderCrackProgress,
  type FoundKeyView,
  type KeyEncoding,
  type TypedKeyStatus,
} from '../../contract';
import { count } from '../experiments/facts';
import { useLane } from '../request-lane';
import { useLocalStore } from '../store';

const ENCODING_LABELS: Record<KeyEncoding, string> = { text: 'Text', hex: 'Hex', base64: 'Base64' };

/** What the card asks main for; each tab passes its own verbs. */
export interface KeyCardActions<Reading> {
  /** Sends the key to main, which answers with the tab's reading (each cookie's verdict). Rejects with main's sentence. */
  setKey(key: string, encoding: KeyEncoding): Promise<Reading>;
  forgetKey(): Promise<Reading>;
  /** Paints an answer of setKey or forgetKey. */
  show(reading: Reading): void;
  crack(list: CrackList): Promise<DecoderCrackOutcome>;
  stop(): Promise<void>;
  /** Once a crack ends: the tab reads its cookies again (the weak keys it found). */
  afterCrack(): Promise<void>;
}

/** A cookie a crack found the key of. */
export interface FoundKeyItem {
  id: string;
  cookie: string;
  /** Where it was set (the Your app jar spans domains); null for a pasted cookie. */
  where: string | null;
  key: FoundKeyView;
}

/** The tab's own words. */
export interface KeyCardText {
  keyLabel: string;
  keyHint: string;
  listsHint: string;
  /** The crack's sentence when no cookie has a signature to try a key against. */
  nothingToCrack: string;
}

export interface KeyCardProps<Reading> {
  /** Keeps the card's ids apart from the other tab's: "target", "decoder". */
  idPrefix: string;
  text: KeyCardText;
  keyStatus: TypedKeyStatus;
  found: readonly FoundKeyItem[];
  /** The running crack's progress; null before the first report. */
  progress: DecoderCrackProgress | null;
  /** The lists the tab cracks with: the built-in one, and a file for the Decoder. */
  lists: readonly CrackList[];
  actions: KeyCardActions<Reading>;
}

/** "800 ms", "3.2 s": a run's length, or the time it has left. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** The crack's last word, as a sentence; `weak` names the cookies it found a key for. */
export function crackSentence(outcome: DecoderCrackOutcome, weak: readonly string[], nothingToCrack: string): string {
  if (outcome.outcome === 'cancelled') return 'No file chosen: nothing was cracked.';
  const file = outcome.list === 'file' ? (outcome.fileName ?? 'the file') : null;
  const skipped = outcome.overlong > 0 ? ` (${plural(outcome.overlong, 'over-long line')} skipped)` : '';
  const tried =
    file === null
      ? `${count(outcome.tried)} of ${count(outcome.total)} known keys tried in ${duration(outcome.elapsedMs)}`
      : `${plural(outcome.tried, 'line')} of ${file} tried in ${duration(outcome.elapsedMs)}${skipped}`;
  switch (outcome.outcome) {
    case 'nothing-to-crack':
      return nothingToCrack;
    case 'stopped':
      return `Stopped: ${tried}.`;
    case 'exhausted':
      if (outcome.found === 0)
        return `${file === null ? 'No known weak key' : `No key in ${file}`} signs these cookies: ${tried}, on ${plural(outcome.threads, 'thread')}.`;
      break;
    case 'all-found':
      break;
  }
  const which = `${outcome.found} of ${plural(outcome.cookies, 'signed cookie')}${weak.length > 0 ? ` (${weak.join(', ')})` : ''}`;
  return `${file === null ? 'Found a known weak key' : `Found the key in ${file}`} for ${which}: ${tried}.`;
}

/** Where a running crack is, in words. */
function progressSentence(list: CrackList, bar: DecoderCrackProgress | null): string {
  if (bar === null) return list === 'file' ? 'Choose a wordlist in the dialog…' : 'Loading the list…';
  const left = `${count(bar.keysPerSecond)} keys/s${bar.etaMs === null ? '' : ` · about ${duration(bar.etaMs)} left`}`;
  if (bar.list === 'built-in') return `${count(bar.tried)} of ${count(bar.total)} tried · ${left}`;
  const share = bar.bytesTotal === null || bar.bytesTotal === 0 ? '' : ` · ${Math.floor((100 * bar.bytesRead) / bar.bytesTotal)}% of the file`;
  return `${plural(bar.tried, 'line')} tried${share} · ${left}`;
}

export function KeyCard<Reading>({ idPrefix: p, text, keyStatus: key, found, progress, lists, actions }: KeyCardProps<Reading>) {
  const [typed, typing] = useLocalStore(() => '');
  const [encoding, encodings] = useLocalStore<KeyEncoding>(() => 'text');
  const [error, errors] = useLocalStore(() => '');
  const [outcome, outcomes] = useLocalStore<DecoderCrackOutcome | null>(() => null);
  const [cracking, crackings] = useLocalStore<CrackList | null>(() => null);
  const lane = useLane();

  const submit = (event: Event): void => {
    event.preventDefault();
    errors.set('');
    void lane.run(() => actions.setKey(typing.get(), encodings.get()), {
      paint: (answer) => {
        actions.show(answer);
        // Sent once: the field does not keep it, and main never sends it back.
        typing.set('');
      },
      fail: (err) => errors.set(errorMessage(err)),
    });
  };
  const forget = (): void => {
    errors.set('');
    void lane.run(() => actions.forgetKey(), { paint: actions.show, fail: (err) => errors.set(errorMessage(err)) });
  };
  // Not on the lane: Stop must reach main while the crack's call is still waiting for its answer.
  const crack = (list: CrackList): void => {
    errors.set('');
    crackings.set(list);
    outcomes.set(null);
    actions
      .crack(list)
      .then(
        (result) => {
          outcomes.set(result);
          return actions.afterCrack();
        },
        (err: unknown) => errors.set(errorMessage(err)),
      )
      .finally(() => crackings.set(null));
  };

  const bar = cracking === null ? null : progress;
  const fileBar = bar?.list === 'file';
  return (
    <section class="card key-card" aria-labelledby={`${p}-key-title`}>
      <h2 id={`${p}-key-title`}>Signing key</h2>
      <form class="key-form" onSubmit={submit} noValidate>
        <label for={`${p}-key`}>{text.keyLabel}</label>
        <p class="hint" id={`${p}-key-hint`}>
          {text.keyHint}
        </p>
        <div class="field-row">
          <input
            id={`${p}-key`}
            type="password"
            autoComplete="off"
            spellcheck={false}
            maxLength={MAX_TYPED_KEY_CHARS}
            value={typed}
            aria-describedby={`${p}-key-hint ${p}-key-error`}
            onInput={(event) => typing.set(event.currentTarget.value)}
          />
          <label for={`${p}-key-encoding`} class="visually-hidden">
            Written as
          </label>
          <select id={`${p}-key-encoding`} value={encoding} onChange={(event) => encodings.set(event.currentTarget.value as KeyEncoding)}>
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
      <p id={`${p}-key-status`} class="key-status" role="status">
        {key.set
          ? `A key of ${key.bytes} bytes (${ENCODING_LABELS[key.encoding ?? 'text'].toLowerCase()}) is held in main’s memory; each cookie shows its verdict.`
          : 'No key given: signatures are not checked.'}
        {key.set && (
          <button type="button" class="small" onClick={forget}>
            Forget the key
          </button>
        )}
      </p>

      <div class="weak-keys">
        <h3>{lists.includes('file') ? 'Crack the key' : 'Known weak keys'}</h3>
        <p class="hint">{text.listsHint}</p>
        <div class="actions">
          <button type="button" id={`${p}-crack`} disabled={cracking !== null} onClick={() => crack('built-in')}>
            Try the known weak keys
          </button>
          {lists.includes('file') && (
            <button type="button" id={`${p}-crack-file`} disabled={cracking !== null} onClick={() => crack('file')}>
              Try a wordlist file…
            </button>
          )}
          <button
            type="button"
            id={`${p}-crack-stop`}
            class="danger"
            hidden={cracking === null}
            onClick={() => void actions.stop().catch((err: unknown) => errors.set(errorMessage(err)))}
          >
            Stop
          </button>
        </div>
        <progress
          id={`${p}-crack-progress`}
          hidden={cracking === null}
          max={Math.max((fileBar ? bar.bytesTotal : bar?.total) ?? 1, 1)}
          value={(fileBar ? (bar.bytesTotal === null ? undefined : bar.bytesRead) : bar?.tried) ?? undefined}
          aria-labelledby={`${p}-crack-status`}
        />
        <p id={`${p}-crack-status`} class="crack-status" role="status">
          {cracking !== null
            ? progressSentence(cracking, bar)
            : outcome === null
              ? ''
              : crackSentence(
                  outcome,
                  found.map((f) => f.cookie),
                  text.nothingToCrack,
                )}
        </p>
        {found.length > 0 && (
          <ul class="found-keys" id={`${p}-found-keys`}>
            {found.map((f) => (
              <li key={f.id}>
                <span class="mono">{f.cookie}</span>
                {f.where === null ? '' : ` on ${f.where}`} is signed with <code class="found-key">{f.key.key}</code>{' '}
                <span class="muted">
                  ({f.key.form}, {f.key.variant}
                  {f.key.position === null ? '' : `, #${count(f.key.position)} in its list`})
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id={`${p}-key-error`} class="error" role="alert">
        {error}
      </p>
    </section>
  );
}

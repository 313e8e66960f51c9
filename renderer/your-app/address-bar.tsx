// The Your app tab's address bar: back, forward, reload (stop while loading),
// the address with local ports as suggestions, and the line that says why an
// address was refused or a page did not load.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { errorMessage, type TargetState } from '../../contract';
import { useLane } from '../request-lane';
import { useLocalStore } from '../store';
import type { TargetModel } from './target-model';

/** Where a local dev server usually listens: Express and Rails, Flask, Django, and the rest. */
export const LOCAL_SUGGESTIONS: readonly { url: string; label: string }[] = [
  { url: 'http://127.0.0.1:3000/', label: 'port 3000 (Express, Rails, Next.js)' },
  { url: 'http://127.0.0.1:5000/', label: 'port 5000 (Flask)' },
  { url: 'http://127.0.0.1:8000/', label: 'port 8000 (Django, FastAPI)' },
  { url: 'http://127.0.0.1:8080/', label: 'port 8080' },
];

export interface AddressBarProps {
  model: TargetModel;
  state: TargetState | null;
  input: RefObject<HTMLInputElement | null>;
  /** A sentence from main about an address it refused; '' when none. */
  refusal: string;
  setRefusal(sentence: string): void;
}

export function AddressBar({ model, state, input, refusal, setRefusal }: AddressBarProps) {
  const { lab } = model;
  const [typed, typing] = useLocalStore(() => state?.url ?? '');
  const lane = useLane();
  const loading = state?.loading ?? false;

  // The field follows the page, except while the person is typing in it.
  useEffect(() => {
    if (state !== null && document.activeElement !== input.current) typing.set(state.url);
  }, [state?.url]);

  const run = (call: () => Promise<TargetState>) =>
    void lane.run(call, {
      paint: (next) => model.state.set(next),
      fail: (err) => setRefusal(errorMessage(err)),
    });

  const open = (event: Event): void => {
    event.preventDefault();
    setRefusal('');
    run(() => lab.openTarget(typing.get()));
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    // Escape puts back the address of the page shown, as a browser's bar does.
    if (event.key === 'Escape') {
      typing.set(state?.url ?? '');
      setRefusal('');
    }
  };

  const problem = refusal !== '' ? refusal : (state?.error ?? '');
  return (
    <div class="address-area">
      <form class="address-bar" onSubmit={open} aria-label="Your app's address" noValidate>
        <button
          type="button"
          class="nav-button"
          aria-label="Back"
          title="Back (Alt+Left)"
          disabled={!state?.canGoBack}
          onClick={() => run(() => lab.targetBack())}
        >
          ←
        </button>
        <button
          type="button"
          class="nav-button"
          aria-label="Forward"
          title="Forward (Alt+Right)"
          disabled={!state?.canGoForward}
          onClick={() => run(() => lab.targetForward())}
        >
          →
        </button>
        <button
          type="button"
          class="nav-button"
          aria-label={loading ? 'Stop' : 'Reload'}
          title={loading ? 'Stop (Escape)' : 'Reload'}
          disabled={!state || state.url === ''}
          onClick={() => run(() => (loading ? lab.targetStop() : lab.targetReload()))}
        >
          {loading ? '✕' : '↻'}
        </button>
        <label for="target-url" class="visually-hidden">
          Address of your app
        </label>
        <input
          ref={input}
          id="target-url"
          type="text"
          inputMode="url"
          list="target-suggestions"
          placeholder="http://127.0.0.1:5000/"
          autoComplete="off"
          spellcheck={false}
          value={typed}
          aria-invalid={problem !== ''}
          aria-describedby="target-problem"
          title="Focus: Ctrl+L"
          onInput={(event) => typing.set(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <datalist id="target-suggestions">
          {LOCAL_SUGGESTIONS.map((s) => (
            <option key={s.url} value={s.url} label={s.label} />
          ))}
        </datalist>
        <button type="submit" class="primary">
          Open
        </button>
      </form>
      <p id="target-problem" class="error" role="alert">
        {problem}
      </p>
    </div>
  );
}

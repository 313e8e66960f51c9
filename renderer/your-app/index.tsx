// The Your app tab: the user's own web app in a sandboxed view of its own, and
// the inspector for that view's partition beside it. Desktop only: a plain
// browser has no view to give and no jar to read.
import { useEffect, useRef } from 'preact/hooks';
import { ChangeLogCard } from '../change-log';
import { formatTime } from '../cookie-format';
import { useLabWindow } from '../lab-window';
import { useLocalStore, useStore } from '../store';
import { WireLogCard } from '../wire-log';
import { AddressBar } from './address-bar';
import { KeyCard } from './key-card';
import { TargetJarCard } from './target-jar-card';
import type { TargetModel } from './target-model';
import { ViewSlot } from './view-slot';

export function YourAppPanel() {
  const { target } = useLabWindow();
  if (target === null) return <YourAppNeedsDesktop />;
  return <YourApp model={target} />;
}

function YourApp({ model }: { model: TargetModel }) {
  const { lab } = model;
  const state = useStore(model.state);
  const [refusal, refusals] = useLocalStore(() => '');
  const input = useRef<HTMLInputElement>(null);
  const addressRequests = useStore(model.addressRequests);

  const focusAddress = (): void => {
    input.current?.focus();
    input.current?.select();
  };
  // Ctrl+L inside the view: main gave the keyboard back to this page, and the address takes it.
  useEffect(() => {
    if (addressRequests > 0) focusAddress();
  }, [addressRequests]);

  // A browser's keys: Alt+Left and Alt+Right for the history, Ctrl+L (or Cmd+L) for the address.
  const onKeyDown = (event: KeyboardEvent): void => {
    const go = (call: () => Promise<unknown>) => {
      event.preventDefault();
      call().then(
        () => undefined,
        () => undefined,
      );
    };
    if (event.altKey && event.key === 'ArrowLeft' && state?.canGoBack) go(() => lab.targetBack());
    else if (event.altKey && event.key === 'ArrowRight' && state?.canGoForward) go(() => lab.targetForward());
    else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') {
      event.preventDefault();
      focusAddress();
    } else if (event.key === 'Escape' && state?.loading && event.target !== input.current) go(() => lab.targetStop());
  };

  return (
    <div class="your-app" onKeyDown={onKeyDown}>
      <div class="your-app-browser">
        <AddressBar model={model} state={state} input={input} refusal={refusal} setRefusal={refusals.set} />
        <p id="target-status" class="target-status" role="status">
          {state === null || state.url === ''
            ? 'No page open.'
            : state.loading
              ? `Loading ${state.url}…`
              : state.error !== null
                ? 'Not loaded.'
                : state.title === ''
                  ? state.url
                  : state.title}
        </p>
        <ViewSlot lab={lab} state={state} />
        <TargetLog model={model} />
      </div>
      <div class="column your-app-inspector">
        <TargetJarCard model={model} />
        <KeyCard model={model} />
        <ChangeLogCard
          source={{
            log: model.changes,
            id: 'target-changes',
            empty: 'No changes yet. Every cookie your app sets or removes, on any origin, appears here as it happens.',
          }}
        />
        <WireLogCard
          source={{
            log: model.wire,
            id: 'target-wire',
            hint: 'Every request the view made, to any origin: the Cookie header it sent and the Set-Cookie headers it got back.',
            empty: 'No requests yet. Open your app to see its cookies travel.',
          }}
        />
      </div>
    </div>
  );
}

/** What the view refused (new windows, downloads, navigations) and which pages did not load. */
function TargetLog({ model }: { model: TargetModel }) {
  const entries = useStore(model.log.store);
  return (
    <section class="card target-log-card" aria-labelledby="target-log-title">
      <div class="card-head">
        <h2 id="target-log-title">What the view refused</h2>
        <button type="button" class="small" hidden={entries.length === 0} onClick={model.log.clear}>
          Clear log
        </button>
      </div>
      {entries.length === 0 ? (
        <p class="hint">
          Nothing yet. New windows and downloads are always refused, and so is navigation off http(s) or to Session Lab’s own server; each refusal is listed
          here.
        </p>
      ) : (
        <ol id="target-log" class="target-log">
          {entries.map(({ id, item }) => (
            <li key={id} class={`target-log-${item.kind}`}>
              <span class="wire-time">{formatTime(item.time)}</span> {item.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function YourAppNeedsDesktop() {
  return (
    <section class="card" aria-labelledby="your-app-plain-title">
      <h2 id="your-app-plain-title">Your app</h2>
      <p class="needs-desktop">
        Opening your own web app needs the desktop app: it shows the app in a sandboxed view of its own, with cookies of its own, and reads that view’s jar and
        traffic, which a web page cannot.
      </p>
    </section>
  );
}

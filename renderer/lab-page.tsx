// The lab page: the session beside the inspector, live in the desktop app
// (window.sessionLab) and from the server's view in a plain browser.
import { render } from 'preact';
import { ChangeLogCard } from './change-log';
import { DecoderPanel } from './decoder';
import { DocumentCookieCard } from './document-cookie';
import { LabOne, LabOneNeedsDesktop, modeText } from './experiments';
import { InspectionCard } from './inspection-view';
import { JarCard } from './jar-card';
import { LabTwo, LabTwoNeedsDesktop } from './lab2';
import { LabThree, LabThreeNeedsDesktop } from './lab3';
import { LabWindowContext, useLabWindow, type LabWindow, type ViewId } from './lab-window';
import { SessionIdCard } from './session-id-view';
import { SessionPanel } from './session-panel';
import { useStore } from './store';
import { Tabs, type Tab } from './tabs';
import { TodoPanel } from './todo-panel';
import { WireLogCard } from './wire-log';
import { YourAppPanel } from './your-app';

/** The header's tabs: the session column, one of the labs or the Decoder, with the inspector beside any of them; or Your app, with its own inspector. */
const VIEWS: readonly Tab<ViewId>[] = [
  { id: 'tab-session', label: 'Session', controls: 'session-column' },
  { id: 'tab-experiments', label: 'Lab I: experiments', controls: 'experiments' },
  { id: 'tab-lab2', label: 'Lab II', controls: 'lab2' },
  { id: 'tab-lab3', label: 'Lab III', controls: 'lab3' },
  { id: 'tab-your-app', label: 'Your app', controls: 'your-app' },
  { id: 'tab-decoder', label: 'Decoder', controls: 'decoder' },
];

function ModeBadge() {
  const { lab, experiments } = useLabWindow();
  const state = useStore(experiments);
  const insecure = state?.mode === 'weak-demo';
  return (
    <p id="mode" class={lab === null ? 'mode-badge mode-plain' : insecure ? 'mode-badge mode-insecure' : 'mode-badge'}>
      {modeText(lab !== null, state)}
    </p>
  );
}

export function App({ win }: { win: LabWindow }) {
  const view = useStore(win.view);
  const desktop = win.lab !== null;
  return (
    <LabWindowContext.Provider value={win}>
      <header class="app-header">
        <div class="brand">
          <h1>Session Lab</h1>
          <p class="tagline">A signed, client-side session cookie, taken apart as it happens.</p>
        </div>
        <Tabs as="nav" id="view-tabs" className="view-tabs" label="Left side of the window" tabs={VIEWS} selected={view} onSelect={win.view.set} />
        <ModeBadge />
      </header>

      {/* The Decoder's payloads want room: it shares the window evenly with the inspector. */}
      <main class={view === 'tab-decoder' ? 'layout layout-even' : 'layout'}>
        <div class="column" id="session-column" role="tabpanel" aria-labelledby="tab-session" hidden={view !== 'tab-session'}>
          <SessionPanel />
          <TodoPanel />
          <DocumentCookieCard />
          <WireLogCard />
        </div>

        {/* Lab I's guided experiments; the inspector stays beside them. */}
        <div class="column experiments-column" id="experiments" role="tabpanel" aria-labelledby="tab-experiments" hidden={view !== 'tab-experiments'}>
          {desktop ? <LabOne /> : <LabOneNeedsDesktop />}
        </div>
        {/* Lab II: size, replay and expiry, attributes, scale-out, sensitive data. */}
        <div class="column experiments-column" id="lab2" role="tabpanel" aria-labelledby="tab-lab2" hidden={view !== 'tab-lab2'}>
          {desktop ? <LabTwo /> : <LabTwoNeedsDesktop />}
        </div>
        {/* Lab III: client-side and server-side sessions side by side. */}
        <div class="column experiments-column" id="lab3" role="tabpanel" aria-labelledby="tab-lab3" hidden={view !== 'tab-lab3'}>
          {desktop ? <LabThree /> : <LabThreeNeedsDesktop />}
        </div>

        {/* The Decoder: anything pasted, read by the auditor in main; the lab's own cookies open in it from the jar. */}
        <div class="column experiments-column decoder-column" id="decoder" role="tabpanel" aria-labelledby="tab-decoder" hidden={view !== 'tab-decoder'}>
          <DecoderPanel />
        </div>

        {/* Your app: the user's own web app in a view of its own, and the inspector for its partition. */}
        <div class="your-app-panel" id="your-app" role="tabpanel" aria-labelledby="tab-your-app" hidden={view !== 'tab-your-app'}>
          <YourAppPanel />
        </div>

        {/* The lab's own inspector; the Your app tab has its own. */}
        <div class="column" hidden={view === 'tab-your-app'}>
          <JarCard />
          <InspectionCard />
          <SessionIdCard />
          <ChangeLogCard />
        </div>
      </main>
    </LabWindowContext.Provider>
  );
}

/** Draws the window over index.html's static page (what shows before, or without, scripts) and starts it. */
export function start(win: LabWindow): void {
  render(<App win={win} />, document.body);
  const { lab, inspector, session, target, decoder } = win;
  target?.listen();
  decoder?.listen();
  if (lab) {
    lab.onJarChanged((changes) => {
      inspector.changes.add(changes);
      void inspector.refresh();
    });
    lab.onWire((entry) => inspector.wire.add([entry]));
  }
  void session.reload();
}

// Lab II in the window: the five experiment cards on the server's settings, and the line that says what the server does now.
import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage, type ServerLabState } from '../../contract';
import { jarWatcher } from '../experiments/jar-watcher';
import { useLabWindow } from '../lab-window';
import { useLane } from '../request-lane';
import { useLocalStore } from '../store';
import { Tabs } from '../tabs';
import { AttributesCard } from './attributes';
import { createObserver, serverSettingsText, type ServerLabContext } from './context';
import { ReplayCard } from './replay';
import { ScaleOutCard } from './scale-out';
import { SensitiveCard } from './sensitive';
import { SizeBudgetCard } from './size-budget';

const TABS = [
  { id: 'exp-size', label: '1 Size' },
  { id: 'exp-replay', label: '2 Replay' },
  { id: 'exp-attrs', label: '3 Attributes' },
  { id: 'exp-scale', label: '4 Scale-out' },
  { id: 'exp-sensitive', label: '5 Secrets' },
].map((c) => ({ id: `${c.id}-tab`, label: c.label, controls: c.id }));

interface ServerLine {
  settings: string;
  alert: string;
}

export function LabTwo() {
  const win = useLabWindow();
  const { session, inspector } = win;
  const lab = win.lab!;
  const [line, lines] = useLocalStore<ServerLine>(() => ({ settings: 'Asking the server…', alert: '' }));
  const [selected, select] = useLocalStore<string>(() => TABS[0]!.id);

  const ctx = useMemo<ServerLabContext>(() => {
    const watchJar = jarWatcher(lab);
    return {
      lab,
      session: (action) => session.perform(action),
      refresh: inspector.refresh,
      markStale: () => session.markStale(),
      watchJar,
      observe: createObserver(lab, watchJar),
      showServer: (state: ServerLabState) => lines.set({ settings: `Server now: ${serverSettingsText(state)}`, alert: state.serverDown ?? '' }),
    };
  }, []);

  const lane = useLane();
  useEffect(() => {
    void lane.run(() => lab.serverLabState(), {
      paint: ctx.showServer,
      fail: (err) => lines.update((l) => ({ ...l, alert: `Cannot read the server’s settings: ${errorMessage(err)}` })),
    });
  }, []);

  const hidden = (id: string) => selected !== `${id}-tab`;
  return (
    <>
      <div class="exp-intro">
        <h2>Lab II: limits and trade-offs</h2>
        <p class="hint server-settings" id="server-settings" aria-live="polite">
          {line.settings}
        </p>
        <Tabs tabs={TABS} selected={selected} onSelect={select.set} className="exp-tabs exp-tabs-5" label="Lab II experiments" />
        <p class="error exp-server-down" role="alert">
          {line.alert}
        </p>
      </div>
      <SizeBudgetCard ctx={ctx} hidden={hidden('exp-size')} />
      <ReplayCard ctx={ctx} hidden={hidden('exp-replay')} />
      <AttributesCard ctx={ctx} hidden={hidden('exp-attrs')} />
      <ScaleOutCard ctx={ctx} hidden={hidden('exp-scale')} />
      <SensitiveCard ctx={ctx} hidden={hidden('exp-sensitive')} />
    </>
  );
}

/** In a plain browser Lab II cannot run: it restarts the server and reads the jar, which only the desktop app can. */
export function LabTwoNeedsDesktop() {
  return (
    <>
      <div class="exp-intro">
        <h2>Lab II: limits and trade-offs</h2>
      </div>
      <p class="needs-desktop">
        Lab II needs the desktop app: it restarts the server with other settings, starts a second instance, and compares what the server sent with what the
        browser’s jar kept.
      </p>
    </>
  );
}

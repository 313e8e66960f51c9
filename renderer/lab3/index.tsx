// Lab III in the window: client-side and server-side sessions side by side, six
// experiment cards, and the line that says which store the server side uses.
import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage, type SessionKindsState } from '../../contract';
import { useLabWindow } from '../lab-window';
import { useLane } from '../request-lane';
import { useLocalStore } from '../store';
import { Tabs } from '../tabs';
import type { Lab3Context } from './context';
import { CostCard } from './cost';
import { FixationCard } from './fixation';
import { HoldsCard } from './holds';
import { RevocationCard } from './revocation';
import { ScaleOutCard } from './scale-out';
import { SizeCard } from './size';

const TABS = [
  { id: 'exp3-holds', label: '1 Holds' },
  { id: 'exp3-revoke', label: '2 Revoke' },
  { id: 'exp3-size', label: '3 Size' },
  { id: 'exp3-fixation', label: '4 Fixation' },
  { id: 'exp3-scale', label: '5 Scale-out' },
  { id: 'exp3-cost', label: '6 Cost' },
].map((c) => ({ id: `${c.id}-tab`, label: c.label, controls: c.id }));

/** One line: what each side runs on now. */
export function kindsText(state: SessionKindsState): string {
  const server =
    state.scaleOut === null
      ? `express-session on the ${state.serverSide.store.description}`
      : `two instances, ${state.scaleOut.shared ? `sharing the ${state.scaleOut.store.description}` : 'a memory store each'}`;
  return `Client-side: cookie-session, the session in the cookie · Server-side: ${server}`;
}

interface Line {
  text: string;
  alert: string;
}

export function LabThree() {
  const win = useLabWindow();
  const { session, inspector } = win;
  const lab = win.lab!;
  const [line, lines] = useLocalStore<Line>(() => ({ text: 'Asking the main process…', alert: '' }));
  const [kinds, kindsStore] = useLocalStore<SessionKindsState | null>(() => null);
  const [selected, select] = useLocalStore<string>(() => TABS[0]!.id);

  const ctx = useMemo<Lab3Context>(
    () => ({
      lab,
      panel: (action) => session.perform(action),
      refresh: inspector.refresh,
      showKinds: (state) => {
        kindsStore.set(state);
        lines.set({ text: kindsText(state), alert: '' });
      },
      kindsNow: () => kindsStore.get(),
    }),
    [],
  );

  const lane = useLane();
  useEffect(() => {
    void lane.run(() => lab.sessionKindsState(), {
      paint: ctx.showKinds,
      fail: (err) => lines.update((l) => ({ ...l, alert: `Cannot read Lab III’s servers: ${errorMessage(err)}` })),
    });
  }, []);

  const hidden = (id: string) => selected !== `${id}-tab`;
  return (
    <>
      <div class="exp-intro">
        <h2>Lab III: client-side and server-side sessions</h2>
        <p class="hint server-settings" id="session-kinds" aria-live="polite">
          {line.text}
        </p>
        <Tabs tabs={TABS} selected={selected} onSelect={select.set} className="exp-tabs exp-tabs-6" label="Lab III experiments" />
        <p class="error exp-server-down" role="alert">
          {line.alert}
        </p>
      </div>
      <HoldsCard ctx={ctx} hidden={hidden('exp3-holds')} />
      <RevocationCard ctx={ctx} hidden={hidden('exp3-revoke')} />
      <SizeCard ctx={ctx} hidden={hidden('exp3-size')} />
      <FixationCard ctx={ctx} hidden={hidden('exp3-fixation')} />
      <ScaleOutCard ctx={ctx} hidden={hidden('exp3-scale')} kinds={kinds} />
      <CostCard ctx={ctx} hidden={hidden('exp3-cost')} />
    </>
  );
}

/** In a plain browser Lab III cannot run: it copies HttpOnly cookies and reads the store through the main process. */
export function LabThreeNeedsDesktop() {
  return (
    <>
      <div class="exp-intro">
        <h2>Lab III: client-side and server-side sessions</h2>
      </div>
      <p class="needs-desktop">
        Lab III needs the desktop app: it copies and replays HttpOnly cookies in the browser’s jar, reads the server-side store through the main process, and
        starts server-side instances. To try server-side sessions in a browser, run npm run serve -- --sessions server.
      </p>
    </>
  );
}

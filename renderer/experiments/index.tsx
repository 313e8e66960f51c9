// Lab I in the window: the four experiment cards behind their tabs, and the key ring's state for the header.
import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage, type ExperimentsState } from '../../contract';
import { useLabWindow } from '../lab-window';
import { useLane } from '../request-lane';
import { useLocalStore, useStore } from '../store';
import { Tabs } from '../tabs';
import type { ExperimentContext } from './context';
import { ForgeCard } from './forge';
import { jarWatcher } from './jar-watcher';
import { RotationCard } from './rotation';
import { TamperCard } from './tamper';
import { WeakSecretCard } from './weak-secret';

const CARDS = [
  { id: 'exp-tamper', label: '1 Tamper' },
  { id: 'exp-forge', label: '2 Forge' },
  { id: 'exp-weak', label: '3 Weak key' },
  { id: 'exp-rotate', label: '4 Rotate' },
] as const;
const TABS = CARDS.map((c) => ({ id: `${c.id}-tab`, label: c.label, controls: c.id }));

/** The header's badge: how the server signs now, in the desktop app or a plain browser. */
export function modeText(desktop: boolean, state: ExperimentsState | null): string {
  const normal = desktop ? 'Desktop app · live cookie jar' : 'Browser mode · server’s view only';
  if (state?.mode === 'weak-demo') return 'INSECURE DEMO · weak key in memory';
  return state?.mode === 'rotated' ? `${normal} · keys rotated in memory` : normal;
}

export function LabOne() {
  const win = useLabWindow();
  const { session, inspector, experiments } = win;
  const lab = win.lab!;
  const state = useStore(experiments);
  const [alert, alerts] = useLocalStore(() => '');
  const [selected, select] = useLocalStore<string>(() => TABS[0]!.id);

  const ctx = useMemo<ExperimentContext>(
    () => ({
      lab,
      session: (action) => session.perform(action),
      refresh: inspector.refresh,
      markStale: () => session.markStale(),
      watchJar: jarWatcher(lab),
      setState: (next) => {
        experiments.set(next);
        alerts.set(next.serverDown ?? '');
      },
    }),
    [],
  );

  // The app may have been left mid-experiment by an earlier window (a reload).
  const lane = useLane();
  useEffect(() => {
    void lane.run(() => lab.experimentsState(), { paint: ctx.setState, fail: (err) => alerts.set(`Cannot read the experiments’ state: ${errorMessage(err)}`) });
  }, []);

  const hidden = (id: string) => selected !== `${id}-tab`;
  return (
    <>
      <div class="exp-intro">
        <h2>Lab I: experiments</h2>
        <p class="hint">Each card is a guided experiment. The inspector on the right shows the jar, the verdict and the changes as you go.</p>
        <Tabs tabs={TABS} selected={selected} onSelect={select.set} className="exp-tabs" label="Lab I experiments" />
        <p class="error exp-server-down" role="alert">
          {alert}
        </p>
      </div>
      <TamperCard ctx={ctx} hidden={hidden('exp-tamper')} />
      <ForgeCard ctx={ctx} hidden={hidden('exp-forge')} />
      <WeakSecretCard ctx={ctx} state={state} hidden={hidden('exp-weak')} />
      <RotationCard ctx={ctx} state={state} hidden={hidden('exp-rotate')} />
    </>
  );
}

/** In a plain browser the experiments cannot run: they need the jar and the keys main holds. */
export function LabOneNeedsDesktop() {
  return (
    <>
      <div class="exp-intro">
        <h2>Lab I: experiments</h2>
      </div>
      <p class="needs-desktop">
        The experiments need the desktop app: tampering and forging write HttpOnly cookies into the browser’s jar, and signing, cracking and key rotation happen
        in the main process, next to the keys.
      </p>
    </>
  );
}

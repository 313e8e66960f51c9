// What the Your app tab shows, made once for the window: the view's state, its
// log, the partition's inspection, its live changes and wire log, and the
// crack's progress. The inspection is read through one lane, so only the
// newest reading paints.
import {
  errorMessage,
  type JarChange,
  type LabBridge,
  type TargetCrackProgress,
  type TargetInspection,
  type TargetLogLine,
  type TargetState,
  type WireEntry,
} from '../../contract';
import { createLog, MAX_CHANGES, MAX_WIRE_ENTRIES, type Log } from '../inspector-model';
import { createLane } from '../request-lane';
import { createStore, type Store } from '../store';

export const MAX_TARGET_LOG = 100;

export interface TargetModel {
  lab: LabBridge;
  /** null until main first said. */
  state: Store<TargetState | null>;
  inspection: Store<TargetInspection | null>;
  /** Why the inspection could not be read; '' when it could. */
  inspectionError: Store<string>;
  /** A running crack's progress; null when none runs. */
  progress: Store<TargetCrackProgress | null>;
  log: Log<TargetLogLine>;
  changes: Log<JarChange>;
  wire: Log<WireEntry>;
  /** Counts the times the person asked for the address bar from inside the view (Ctrl+L there). */
  addressRequests: Store<number>;
  /** Reads the partition again (its jar, verdicts, the key's status). */
  refresh(): Promise<void>;
  /** Subscribes to main's events for the tab; returns the unsubscribe. */
  listen(): () => void;
}

export function createTargetModel(lab: LabBridge): TargetModel {
  const state = createStore<TargetState | null>(null);
  const inspection = createStore<TargetInspection | null>(null);
  const inspectionError = createStore('');
  const progress = createStore<TargetCrackProgress | null>(null);
  const log = createLog<TargetLogLine>(MAX_TARGET_LOG);
  const changes = createLog<JarChange>(MAX_CHANGES);
  const wire = createLog<WireEntry>(MAX_WIRE_ENTRIES);
  const addressRequests = createStore(0);
  const lane = createLane();
  const refresh = lane.reader(() => lab.inspectTarget(), {
    paint: (answer) => {
      inspection.set(answer);
      inspectionError.set('');
    },
    fail: (err) => inspectionError.set(`Cannot read your app’s cookies: ${errorMessage(err)}`),
  });

  return {
    lab,
    state,
    inspection,
    inspectionError,
    progress,
    log,
    changes,
    wire,
    addressRequests,
    refresh,
    listen() {
      const stops = [
        lab.onTargetState((next) => state.set(next)),
        lab.onTargetLog((line) => log.add([line])),
        lab.onTargetJarChanged((batch) => {
          changes.add(batch);
          void refresh();
        }),
        lab.onTargetWire((entry) => wire.add([entry])),
        lab.onTargetCrackProgress((p) => progress.set(p)),
        lab.onTargetFocusAddress(() => addressRequests.update((n) => n + 1)),
      ];
      void lab.targetState().then(
        (s) => state.set(s),
        () => undefined,
      );
      void refresh();
      return () => stops.forEach((stop) => stop());
    },
  };
}

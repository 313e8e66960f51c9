// The window's models, made once at start and handed to every panel through
// context: the bridge (null in a plain browser), the session, the inspector and Lab I's key ring.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ExperimentsState, LabBridge } from '../contract';
import { createInspector, type Inspector } from './inspector-model';
import { createSessionModel, type SessionModel } from './session-model';
import { createStore, type Store } from './store';
import { createTargetModel, type TargetModel } from './your-app/target-model';

export interface LabWindow {
  lab: LabBridge | null;
  session: SessionModel;
  inspector: Inspector;
  /** Where Lab I's key ring stands (the header's badge says it too); null until main said. */
  experiments: Store<ExperimentsState | null>;
  /** The Your app tab (null in a plain browser, which has no view of its own to give). */
  target: TargetModel | null;
}

export function createLabWindow(lab: LabBridge | null): LabWindow {
  const inspector = createInspector(lab);
  return {
    lab,
    inspector,
    session: createSessionModel(inspector.refresh),
    experiments: createStore<ExperimentsState | null>(null),
    target: lab === null ? null : createTargetModel(lab),
  };
}

export const LabWindowContext = createContext<LabWindow | null>(null);

export function useLabWindow(): LabWindow {
  const win = useContext(LabWindowContext);
  if (win === null) throw new Error('Session Lab: a panel was rendered outside <LabWindowContext.Provider>.');
  return win;
}

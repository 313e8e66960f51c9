// The window's models, made once at start and handed to every panel through
// context: the bridge (null in a plain browser), the session, the inspector and Lab I's key ring.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ExperimentsState, LabBridge } from '../contract';
import { createInspector, type Inspector } from './inspector-model';
import { createSessionModel, type SessionModel } from './session-model';
import { createStore, type Store } from './store';

export interface LabWindow {
  lab: LabBridge | null;
  session: SessionModel;
  inspector: Inspector;
  /** Where Lab I's key ring stands (the header's badge says it too); null until main said. */
  experiments: Store<ExperimentsState | null>;
}

export function createLabWindow(lab: LabBridge | null): LabWindow {
  const inspector = createInspector(lab);
  return { lab, inspector, session: createSessionModel(inspector.refresh), experiments: createStore<ExperimentsState | null>(null) };
}

export const LabWindowContext = createContext<LabWindow | null>(null);

export function useLabWindow(): LabWindow {
  const win = useContext(LabWindowContext);
  if (win === null) throw new Error('Session Lab: a panel was rendered outside <LabWindowContext.Provider>.');
  return win;
}

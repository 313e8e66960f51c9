// The window's models, made once at start and handed to every panel through
// context: the bridge (null in a plain browser), the tab shown, the session, the
// inspector, Lab I's key ring, the Your app tab and the Decoder.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ExperimentsState, LabBridge } from '../contract';
import { createDecoderModel, type DecoderModel } from './decoder/decoder-model';
import { createInspector, type Inspector } from './inspector-model';
import { createSessionModel, type SessionModel } from './session-model';
import { createStore, type Store } from './store';
import { createTargetModel, type TargetModel } from './your-app/target-model';

/** The header's tabs, by id. */
export type ViewId = 'tab-session' | 'tab-experiments' | 'tab-lab2' | 'tab-lab3' | 'tab-your-app' | 'tab-decoder';

export interface LabWindow {
  lab: LabBridge | null;
  /** The tab shown; a panel may switch to another (the jar opens its cookies in the Decoder). */
  view: Store<ViewId>;
  session: SessionModel;
  inspector: Inspector;
  /** Where Lab I's key ring stands (the header's badge says it too); null until main said. */
  experiments: Store<ExperimentsState | null>;
  /** The Your app tab (null in a plain browser, which has no view of its own to give). */
  target: TargetModel | null;
  /** The Decoder (null in a plain browser: the auditor's engine runs in main). */
  decoder: DecoderModel | null;
}

export function createLabWindow(lab: LabBridge | null): LabWindow {
  const inspector = createInspector(lab);
  return {
    lab,
    view: createStore<ViewId>('tab-session'),
    inspector,
    session: createSessionModel(inspector.refresh),
    experiments: createStore<ExperimentsState | null>(null),
    target: lab === null ? null : createTargetModel(lab),
    decoder: lab === null ? null : createDecoderModel(lab),
  };
}

export const LabWindowContext = createContext<LabWindow | null>(null);

export function useLabWindow(): LabWindow {
  const win = useContext(LabWindowContext);
  if (win === null) throw new Error('Session Lab: a panel was rendered outside <LabWindowContext.Provider>.');
  return win;
}

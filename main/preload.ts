// The sandboxed preload: puts the typed LabBridge on window.sessionLab, and nothing else.
// It exports nothing: Electron runs it as a script, and only the exposed bridge counts.
//
// Each method wraps one ipcRenderer.invoke; subscriptions hand the listener only
// the payload, so the page never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventChannel, EventContract, InvokeChannel, InvokeContract, LabBridge } from './bridge-contract';

const BRIDGE_KEY = 'sessionLab';

function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeContract[C]['args']): Promise<InvokeContract[C]['result']> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeContract[C]['result']>;
}

function subscribe<C extends EventChannel>(channel: C, listener: (payload: EventContract[C]) => void): () => void {
  const relay = (_event: IpcRendererEvent, payload: EventContract[C]) => listener(payload);
  ipcRenderer.on(channel, relay);
  return () => {
    ipcRenderer.removeListener(channel, relay);
  };
}

const bridge: LabBridge = {
  listCookies: () => invoke('jar:list'),
  deleteCookie: (name) => invoke('jar:delete', name),
  clearCookies: () => invoke('jar:clear'),
  setCookieValue: (name, value) => invoke('jar:set-value', name, value),
  inspectSession: () => invoke('session:inspect'),
  experimentsState: () => invoke('experiments:state'),
  forgeSession: (payload, signer) => invoke('session:forge', payload, signer),
  crackSessionKey: () => invoke('session:crack'),
  startWeakKeyDemo: (choice) => invoke('keys:weak-demo', choice),
  restoreStoredKeys: () => invoke('keys:restore'),
  addSigningKey: () => invoke('keys:add'),
  dropOlderKeys: () => invoke('keys:drop-older'),
  serverLabState: () => invoke('server-lab:state'),
  setServerExpiry: (on) => invoke('server-lab:expiry', on),
  advanceLabClock: (ms) => invoke('server-lab:clock', ms),
  setCookieAttributes: (attributes) => invoke('server-lab:cookie', attributes),
  startSecondInstance: (sameKeys) => invoke('server-lab:instance-start', sameKeys),
  stopSecondInstance: () => invoke('server-lab:instance-stop'),
  restoreServerDefaults: () => invoke('server-lab:restore'),
  onJarChanged: (listener) => subscribe('jar:changed', listener),
  onWire: (listener) => subscribe('wire:entry', listener),
  onCrackProgress: (listener) => subscribe('crack:progress', listener),
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);

// The sandboxed preload: puts the typed LabBridge on window.sessionLab, and nothing else.
// It exports nothing: Electron runs it as a script, and only the exposed bridge counts.
//
// The verbs come from the contract's map (buildBridge): each invoke verb wraps one
// ipcRenderer.invoke, and each subscription hands the listener only the payload,
// so the page never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge, channelOf, EVENT_VERBS, INVOKE_VERBS } from '../contract';

const BRIDGE_KEY = 'sessionLab';

const bridge = buildBridge({ invoke: INVOKE_VERBS, events: EVENT_VERBS }, channelOf, {
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
  subscribe(channel, listener) {
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
});

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);

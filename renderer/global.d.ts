// The desktop bridge the preload puts on window; absent in a plain browser.
import type { LabBridge } from '../contract';

declare global {
  interface Window {
    sessionLab?: LabBridge;
  }
}

export {};

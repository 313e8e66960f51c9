// Decides where the lab window may go: its own server, or (https only) the user's browser.
import { isOnOrigin } from './server-origin';

/** 'stay': load it in the window; 'external': hand it to the browser; 'deny': drop it. */
export type NavigationVerdict = 'stay' | 'external' | 'deny';

export function navigationVerdict(url: string, origin: string): NavigationVerdict {
  if (isOnOrigin(url, origin)) return 'stay';
  // Only https links leave the app: http could be tampered with on the way, and
  // file:, javascript: or custom schemes would run something on the user's machine.
  try {
    return new URL(url).protocol === 'https:' ? 'external' : 'deny';
  } catch {
    return 'deny';
  }
}

/** window.open and target=_blank never create a window; an https link opens in the browser. */
export function windowOpenVerdict(url: string): Exclude<NavigationVerdict, 'stay'> {
  try {
    return new URL(url).protocol === 'https:' ? 'external' : 'deny';
  } catch {
    return 'deny';
  }
}

// Decides where the lab window may go: its own server's pages, and nowhere else.
//
// Nothing the page asks for (a link, window.open, a redirect, location = …)
// opens the system browser: a page script needs no click to ask, and the lab
// window shows no outside links. Whatever is not the server's is dropped.
import { isOnOrigin } from './server-origin';

/** 'stay': load it in the window; 'deny': drop it. */
export type NavigationVerdict = 'stay' | 'deny';

export function navigationVerdict(url: string, origin: string): NavigationVerdict {
  return isOnOrigin(url, origin) ? 'stay' : 'deny';
}

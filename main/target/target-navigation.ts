// What the Your app view may do on its own: go to other http(s) pages, yes;
// anywhere else, the lab's own server, new windows and downloads, no. Each
// refusal is a line for the tab's log.
import { isLabAddress } from './target-url';

/** What the page asked for: a navigation (a link, a form, location = …), a server redirect, a new window, a download. */
export type TargetRequest = 'navigation' | 'redirect' | 'new-window' | 'download';

export type TargetVerdict = { allow: true } | { allow: false; log: string };

const LOG_URL_CHARS = 200;
const shown = (url: string): string => (url.length > LOG_URL_CHARS ? `${url.slice(0, LOG_URL_CHARS - 1)}…` : url);

const WHAT: Record<TargetRequest, string> = {
  navigation: 'navigation',
  redirect: 'a redirect',
  'new-window': 'a new window',
  download: 'a download',
};

/**
 * The verdict on one request of the page in the view. Only the main frame's
 * own navigations and redirects can be allowed, and only to http(s) pages that
 * are not the lab's server; new windows and downloads never are (the view
 * shows one page and saves nothing to this computer).
 */
export function targetVerdict(request: TargetRequest, url: string, labOrigin: string): TargetVerdict {
  const refuse = (why: string): TargetVerdict => ({ allow: false, log: `Refused ${WHAT[request]} to ${shown(url)}: ${why}` });
  if (request === 'new-window') return refuse('the view shows one page at a time; type the address above to open it here.');
  if (request === 'download') return refuse('the view saves nothing to this computer.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('it is not a web address.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return refuse('the view stays on http and https pages.');
  if (isLabAddress(parsed, labOrigin)) return refuse('that is Session Lab’s own server, which the view never opens.');
  return { allow: true };
}

// Decides what the Your app view may open: the user's own web app over http or
// https, and nothing else. Each refusal is a sentence the address bar shows.

/** Longer than any address a person types; browsers show at most a few thousand characters. */
export const MAX_TARGET_URL_CHARS = 2048;

export type TargetUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

// host, host:port, [v6]:port, optionally followed by a path: what people type without a scheme.
const SCHEMELESS = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:[/?#].*)?$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

const REFUSED_SCHEMES: Record<string, string> = {
  'file:': 'file: addresses are refused: the view opens web apps over http or https, and a page read from a file could read other files on this computer.',
  'javascript:': 'javascript: addresses are refused: they run a script instead of opening a page.',
  'data:': 'data: addresses are refused: a data: page is whatever the address itself says, with no origin of its own and no app behind it to set cookies.',
};

/** Whether a host name always means this computer (where the lab's server listens). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') return true;
  // The URL parser writes IPv6 in its shortest form: ::1, ::, and IPv4-mapped 127.x as ::ffff:7fxx:xxxx.
  return host === '::1' || host === '::' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || host === '::ffff:0:0';
}

const portOf = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

/**
 * Whether `url` reaches the lab's own server: its origin, or any loopback name
 * for its port (localhost, 127.0.0.2, [::1], 0.0.0.0), over http or https.
 */
export function isLabAddress(url: URL, labOrigin: string): boolean {
  const lab = new URL(labOrigin);
  if (url.origin === lab.origin) return true;
  return isLoopbackHost(url.hostname) && portOf(url) === portOf(lab);
}

/** The address the person typed, as the view will open it, or why it will not. */
export function checkTargetUrl(typed: string, labOrigin: string): TargetUrlCheck {
  const text = typed.trim();
  if (text === '') return { ok: false, reason: 'Type the address of your app, for example http://127.0.0.1:5000/.' };
  if (text.length > MAX_TARGET_URL_CHARS)
    return { ok: false, reason: `That address is ${text.length} characters long; at most ${MAX_TARGET_URL_CHARS} are accepted.` };
  // "localhost:3000" parses as the scheme "localhost:"; a person means http://localhost:3000.
  const withScheme = SCHEMELESS.test(text) ? `http://${text}` : text;
  const scheme = SCHEME.exec(withScheme)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: false, reason: `“${shorten(text)}” is not a web address: type one like http://127.0.0.1:5000/.` };
  const refused = REFUSED_SCHEMES[`${scheme}:`];
  if (refused !== undefined) return { ok: false, reason: refused };
  if (scheme !== 'http' && scheme !== 'https')
    return { ok: false, reason: `${scheme}: addresses are refused: the view opens web apps over http or https only.` };
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: `“${shorten(text)}” is not a web address: type one like http://127.0.0.1:5000/.` };
  }
  if (url.hostname === '') return { ok: false, reason: `“${shorten(text)}” names no host: type one like http://127.0.0.1:5000/.` };
  if (isLabAddress(url, labOrigin)) {
    return {
      ok: false,
      reason: `That is Session Lab’s own server (port ${portOf(url)} on this computer): its jar is already in the inspector, and the Your app view never opens the lab.`,
    };
  }
  return { ok: true, url: url.href };
}

/** Only what the person typed goes into a sentence, and never much of it. */
function shorten(text: string): string {
  const chars = [...text];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : text;
}

// Why a page did not load, in words: Chromium's net error names (ERR_…), as
// Electron's did-fail-load and Playwright's failures both give them.

const SENTENCES: Record<string, string> = {
  ERR_CONNECTION_REFUSED: 'nothing answered at that address (connection refused). Is your app running, on that port?',
  ERR_CONNECTION_RESET: 'the connection was reset before the app answered.',
  ERR_CONNECTION_CLOSED: 'the app closed the connection without answering.',
  ERR_EMPTY_RESPONSE: 'the app closed the connection without sending anything.',
  ERR_CONNECTION_TIMED_OUT: 'the app did not answer in time.',
  ERR_TIMED_OUT: 'the app did not answer in time.',
  ERR_NAME_NOT_RESOLVED: 'that host name does not resolve to an address.',
  ERR_NAME_RESOLUTION_FAILED: 'that host name could not be looked up.',
  ERR_ADDRESS_UNREACHABLE: 'that address cannot be reached from this computer.',
  ERR_ADDRESS_INVALID: 'that is not an address a connection can be made to.',
  ERR_INTERNET_DISCONNECTED: 'this computer is not connected to a network.',
  ERR_UNSAFE_PORT: 'Chromium refuses that port for web pages (it belongs to another protocol, such as mail or SSH).',
  ERR_SSL_PROTOCOL_ERROR: 'the secure connection failed: is that an http server answering on an https address?',
  ERR_CERT_AUTHORITY_INVALID:
    'the certificate is not signed by an authority this computer trusts (a self-signed certificate?). The view does not open pages whose certificate fails.',
  ERR_CERT_COMMON_NAME_INVALID: 'the certificate is for another host name. The view does not open pages whose certificate fails.',
  ERR_CERT_DATE_INVALID: 'the certificate has expired or is not valid yet. The view does not open pages whose certificate fails.',
  ERR_INVALID_RESPONSE: 'the app sent something that is not an HTTP response.',
  ERR_INVALID_HTTP_RESPONSE: 'the app sent something that is not an HTTP response.',
  ERR_TOO_MANY_REDIRECTS: 'the app redirected too many times (a redirect loop?).',
  ERR_BLOCKED_BY_CLIENT: 'Session Lab refused it (see the log below).',
  ERR_BLOCKED_BY_RESPONSE: 'the app’s own headers forbid showing it here.',
  // Not a net error: Electron's render-process-gone, named like one.
  ERR_RENDERER_GONE: 'the page’s renderer process stopped (it crashed or was killed). Reload to open it again.',
};

/** ERR_ABORTED: the load was replaced by another one, or stopped; nothing failed. */
export function isAbort(errorName: string): boolean {
  return normalise(errorName) === 'ERR_ABORTED';
}

// Electron says "ERR_CONNECTION_REFUSED"; Playwright "net::ERR_CONNECTION_REFUSED at http://…".
function normalise(errorName: string): string {
  return /ERR_[A-Z0-9_]+/.exec(errorName)?.[0] ?? errorName.trim();
}

/** One sentence: the address, and why it did not load. */
export function loadErrorSentence(url: string, errorName: string): string {
  const name = normalise(errorName);
  const why =
    SENTENCES[name] ??
    (name.startsWith('ERR_CERT_')
      ? 'the certificate was refused. The view does not open pages whose certificate fails.'
      : `Chromium reported ${name || 'an unknown error'}.`);
  return `Could not open ${url.length > 200 ? `${url.slice(0, 199)}…` : url}: ${why}`;
}

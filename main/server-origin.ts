// Origin arithmetic for the embedded server's URL: what counts as "ours".

/** The origin of `url` (`http://127.0.0.1:1234`), or null when it is not a URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Opaque origins (file:, data:, about:) serialise as "null": never ours.
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}

/** Whether `url` is on exactly `origin` (scheme, host and port). */
export function isOnOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

/** Path and query of `url`, for showing a request relative to the server. */
export function pathAndQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

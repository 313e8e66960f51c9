// What a script in this page can read of the cookies: the HttpOnly lesson.
import type { CookieRow } from '../contract';
import { byId } from './dom';

/** @param jar the real jar in the desktop app; null in a plain browser, which cannot list it. */
export function renderDocumentCookie(jar: readonly CookieRow[] | null): void {
  const visible = document.cookie;
  byId('doc-cookie').textContent = visible === '' ? '"" (an empty string)' : visible;

  const hidden = jar?.filter((c) => c.httpOnly).length ?? 0;
  const lesson = 'sent with every request, but hidden from page scripts, so an injected script (XSS) cannot steal the session';
  let note: string;
  if (jar === null) {
    note = `The session cookies are HttpOnly: ${lesson}. Nor can this page list them.`;
  } else if (jar.length === 0) {
    note = 'No cookies yet. The session cookies will be HttpOnly: sent with every request, invisible to page scripts.';
  } else {
    note = `${count(jar.length, 'cookie')} in the jar, ${hidden} of them HttpOnly: ${lesson}.`;
  }
  byId('doc-cookie-note').textContent = note;
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

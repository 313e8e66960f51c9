// What a script in this page can read of the cookies: the HttpOnly lesson.
import type { DocumentCookieView } from './inspector-model';
import { useLabWindow } from './lab-window';
import { useStore } from './store';

const LESSON = 'sent with every request, but hidden from page scripts, so an injected script (XSS) cannot steal the session';

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

function noteText({ jar }: DocumentCookieView): string {
  if (jar === null) return `The session cookies are HttpOnly: ${LESSON}. Nor can this page list them.`;
  if (jar.length === 0) return 'No cookies yet. The session cookies will be HttpOnly: sent with every request, invisible to page scripts.';
  return `${count(jar.length, 'cookie')} in the jar, ${jar.filter((c) => c.httpOnly).length} of them HttpOnly: ${LESSON}.`;
}

export function DocumentCookieCard() {
  const view = useStore(useLabWindow().inspector.documentCookie);
  return (
    <section class="card" aria-labelledby="doc-cookie-title">
      <h2 id="doc-cookie-title">
        What <code>document.cookie</code> can see
      </h2>
      <pre id="doc-cookie" class="code-box doc-cookie">
        {view === null ? '' : view.visible === '' ? '"" (an empty string)' : view.visible}
      </pre>
      <p id="doc-cookie-note" class="note">
        {view === null ? '' : noteText(view)}
      </p>
    </section>
  );
}

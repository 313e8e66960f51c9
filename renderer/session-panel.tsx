// The session panel: status, login form and the buttons that change the session.
import { useRef } from 'preact/hooks';
import { api } from './api-client';
import { useLabWindow } from './lab-window';
import { useLocalStore, useStore } from './store';

export function SessionPanel() {
  const { session } = useLabWindow();
  const { state, stale, error } = useStore(session.store);
  // What is typed is the field's own business until it is sent.
  const [username, typed] = useLocalStore(() => '');
  const field = useRef<HTMLInputElement>(null);

  const logIn = (event: Event): void => {
    event.preventDefault();
    void session.act(() => api.login(username), {
      login: true,
      answered: (agreed) => {
        if (agreed) typed.set('');
        else field.current?.focus();
      },
    });
  };

  return (
    <section class="card session-card" aria-labelledby="session-title">
      <h2 id="session-title">Session</h2>
      <p id="status" class={state?.loggedIn ? 'status logged-in' : 'status'} role="status" aria-live="polite">
        {state === null ? 'Asking the server…' : state.message}
      </p>
      <p id="visits" class="visits" aria-live="polite">
        {state === null ? '' : (state.visitsMessage ?? 'No visits counted yet')}
      </p>
      <p id="stale" class="stale" hidden={!stale}>
        The jar changed since the server last answered. Send a request (<i>Refresh from server</i>) to see what it makes of it.
      </p>

      {/* Without scripts the form still works: it posts to the tutorial's /login. */}
      <form id="login-form" class="login-form" action="/login" method="post" noValidate onSubmit={logIn}>
        <label for="username">Username</label>
        <div class="field-row">
          <input
            ref={field}
            id="username"
            name="username"
            type="text"
            autocomplete="username"
            spellcheck={false}
            aria-describedby="session-error"
            aria-invalid={error?.aboutUsername ? true : undefined}
            value={username}
            onInput={(event) => typed.set(event.currentTarget.value)}
          />
          <button type="submit" class="primary">
            Log in
          </button>
        </div>
        <p id="session-error" class="error" role="alert">
          {error?.message ?? ''}
        </p>
      </form>

      <div class="actions">
        <button type="button" id="counter" onClick={() => void session.act(api.countVisit)}>
          Count a visit
        </button>
        <button type="button" id="logout" onClick={() => void session.act(api.logout)}>
          Log out
        </button>
        <button type="button" id="refresh" onClick={() => void session.act(api.session)}>
          Refresh from server
        </button>
        <button type="button" id="clear-session" class="danger" onClick={() => void session.act(api.clearSession)}>
          Clear session
        </button>
      </div>
    </section>
  );
}

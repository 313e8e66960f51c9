// The session panel: status, login form and the buttons that change the session.
import type { SessionState } from '../contract';
import { api } from './api-client';
import { byId } from './dom';

export interface SessionPanel {
  /** Asks the server what it thinks of the cookie it now receives. */
  reload(): Promise<void>;
  /** The jar changed behind the server's back: its last answer may no longer hold. */
  markStale(): void;
  /**
   * Runs a session request for someone else (Lab I's experiments) in the panel's
   * queue: the panel shows the answer as for its own buttons, and the caller gets
   * it too. A refusal rejects instead of showing under the login form.
   */
  perform(action: () => Promise<SessionState>): Promise<SessionState>;
}

/**
 * @param afterAction runs after every action, success or not, to refresh the inspector.
 * @param onState gets every state the server answers with (the to-do panel follows the login).
 */
export function setupSessionPanel(afterAction: () => Promise<void>, onState: (state: SessionState) => void = () => {}): SessionPanel {
  const status = byId('status');
  const visits = byId('visits');
  const error = byId('session-error');
  const form = byId<HTMLFormElement>('login-form');
  const username = byId<HTMLInputElement>('username');
  const stale = byId('stale');

  const show = (state: SessionState): void => {
    status.textContent = state.message;
    status.classList.toggle('logged-in', state.loggedIn);
    visits.textContent = state.visitsMessage ?? 'No visits counted yet';
    stale.hidden = true;
    onState(state);
  };

  const showError = (message: string | null, aboutUsername = false): void => {
    error.textContent = message ?? '';
    if (message !== null && aboutUsername) username.setAttribute('aria-invalid', 'true');
    else username.removeAttribute('aria-invalid');
  };

  // One action at a time, in order: a double click must not race two cookies.
  let queue: Promise<void> = Promise.resolve();
  const run = (action: () => Promise<SessionState>, isLogin = false): Promise<void> => {
    queue = queue.then(async () => {
      try {
        show(await action());
        showError(null);
        if (isLogin) username.value = '';
      } catch (err) {
        showError(err instanceof Error ? err.message : String(err), isLogin);
        if (isLogin) username.focus();
      }
      await afterAction().catch(() => undefined);
    });
    return queue;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(() => api.login(username.value), true);
  });
  byId('logout').addEventListener('click', () => void run(api.logout));
  byId('counter').addEventListener('click', () => void run(api.countVisit));
  byId('clear-session').addEventListener('click', () => void run(api.clearSession));
  byId('refresh').addEventListener('click', () => void run(api.session));

  return {
    reload: () => run(api.session),
    markStale: () => {
      stale.hidden = false;
    },
    perform: (action) => {
      const answer = queue.then(async () => {
        try {
          const state = await action();
          show(state);
          showError(null);
          return state;
        } finally {
          await afterAction().catch(() => undefined);
        }
      });
      queue = answer.then(
        () => undefined,
        () => undefined,
      );
      return answer;
    },
  };
}

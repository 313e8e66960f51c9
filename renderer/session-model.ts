// The session as the window shows it: the server's last answer, whether the jar
// changed behind its back, and the refusal under the login form. Every session
// request goes through one lane, so a double click never races two cookies.
import { errorMessage, type SessionState } from '../contract';
import { api } from './api-client';
import { createLane } from './request-lane';
import { createStore, type Store } from './store';

export interface SessionView {
  /** The server's last answer; null until it gave one. */
  state: SessionState | null;
  /** The jar changed behind the server's back: its last answer may no longer hold. */
  stale: boolean;
  /** The last refusal, shown under the login form; `aboutUsername` marks the field invalid. */
  error: { message: string; aboutUsername: boolean } | null;
}

export interface SessionModel {
  store: Store<SessionView>;
  /**
   * A button of the panel: the answer shows, a refusal shows under the form
   * (`login`: as about the username). `answered` hears at once whether the server
   * agreed; the promise settles after the inspector's refresh.
   */
  act(action: () => Promise<SessionState>, options?: { login?: boolean; answered?(agreed: boolean): void }): Promise<void>;
  /** Asks the server what it thinks of the cookie it now receives. */
  reload(): Promise<void>;
  markStale(): void;
  /**
   * Runs a session request for someone else (the experiments) in the panel's
   * lane: the panel shows the answer as for its own buttons, and the caller gets
   * it too. A refusal rejects instead of showing under the login form.
   */
  perform(action: () => Promise<SessionState>): Promise<SessionState>;
}

/** @param afterAction runs after every action, success or not, to refresh the inspector. */
export function createSessionModel(afterAction: () => Promise<void>): SessionModel {
  const store = createStore<SessionView>({ state: null, stale: false, error: null });
  // Never reset: every action a person started must show its answer.
  const lane = createLane();
  const show = (state: SessionState): void => store.set({ state, stale: false, error: null });
  // The refresh takes its turn in the lane: the next action waits for it, as it waits for the action.
  const settle = (): Promise<void> => lane.run(() => afterAction().catch(() => undefined));

  const act: SessionModel['act'] = (action, { login = false, answered } = {}) => {
    void lane.run(action, {
      paint: (state) => {
        show(state);
        answered?.(true);
      },
      fail: (err) => {
        store.update((view) => ({ ...view, error: { message: errorMessage(err), aboutUsername: login } }));
        answered?.(false);
      },
    });
    return settle();
  };

  return {
    store,
    act,
    reload: () => act(api.session),
    markStale: () => store.update((view) => ({ ...view, stale: true })),
    perform(action) {
      const answer = new Promise<SessionState>((resolve, reject) => {
        void lane.run(action, {
          paint: (state) => {
            show(state);
            resolve(state);
          },
          fail: reject,
        });
      });
      // Handled here too: the caller hears of a refusal only after the refresh, and till then it must not count as unhandled.
      answer.catch(() => undefined);
      return settle().then(() => answer);
    },
  };
}

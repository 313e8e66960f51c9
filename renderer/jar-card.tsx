// The inspector's jar card: the table, what went wrong, and the editor; in a
// plain browser, why the jar needs the desktop app.
import { useMemo, useRef } from 'preact/hooks';
import { errorMessage, type CookieRow } from '../contract';
import { JarEditor, type JarEdit } from './jar-editor';
import { JarTable, type JarTableActions } from './jar-table';
import { useLabWindow } from './lab-window';
import { useLane } from './request-lane';
import { useLocalStore, useStore } from './store';

export function JarCard() {
  const { lab, session, inspector } = useLabWindow();
  const rows = useStore(inspector.jar);
  const error = useStore(inspector.jarError);
  const [edit, editing] = useLocalStore<JarEdit | null>(() => null);
  const lane = useLane();
  const title = useRef<HTMLHeadingElement>(null);

  // A jar action changes what the server will see, but it has not seen it yet.
  // Not asking it at once keeps the evidence: a server that gets a bad
  // signature deletes the .sig cookie in its answer.
  const afterJarAction = (): Promise<void> => {
    session.markStale();
    return inspector.refresh();
  };

  const close = (): void => {
    const open = editing.get();
    editing.set(null);
    // The button that opened the editor may be gone with its row; fall back to the table.
    if (open?.returnFocusTo.isConnected) open.returnFocusTo.focus();
    else title.current?.focus();
  };

  // One object for the card's life: rows compare it to know they need not draw again.
  const actions = useMemo<JarTableActions>(
    () => ({
      onEdit: (row, button) => editing.set({ row, returnFocusTo: button }),
      onDelete: (row: CookieRow) => jarAction(() => lab!.deleteCookie(row.name)),
    }),
    [],
  );

  const jarAction = (action: () => Promise<void>): void => {
    inspector.jarError.set('');
    void lane.run(action, { paint: () => void afterJarAction(), fail: (err) => inspector.jarError.set(errorMessage(err)) });
  };

  return (
    <section class="card" aria-labelledby="jar-title">
      <div class="card-head">
        <h2 ref={title} id="jar-title" tabIndex={-1}>
          Cookie jar
        </h2>
        <button
          type="button"
          id="jar-clear"
          class="small danger"
          hidden={lab === null}
          onClick={() => {
            close();
            jarAction(() => lab!.clearCookies());
          }}
        >
          Clear all
        </button>
      </div>
      <div id="jar">
        {lab === null ? (
          <p class="needs-desktop">
            The cookie jar needs the desktop app. A web page cannot list the browser’s cookies: the session ones are HttpOnly. The server’s own view of the cookie it received is below.
          </p>
        ) : (
          rows !== null && (
            <JarTable
              rows={rows}
              actions={actions}
              idPrefix="jar"
              caption="Cookies the browser holds for this server"
              empty="The jar holds no cookies for this server. Log in or count a visit to get one."
            />
          )
        )}
      </div>
      <p id="jar-error" class="error" role="alert">
        {error}
      </p>
      <JarEditor edit={edit} save={(name, value) => lab!.setCookieValue(name, value)} afterSave={afterJarAction} close={close} />
    </section>
  );
}

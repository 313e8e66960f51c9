// The inspector's jar card: the table, what went wrong, and the editor; the
// lab's session cookies (or any one row) opened in the Decoder with one click;
// in a plain browser, why the jar needs the desktop app.
import { useMemo, useRef } from 'preact/hooks';
import { errorMessage, type CookieRow } from '../contract';
import { labSessionPair, withItsPair } from './decoder/decoder-model';
import { JarEditor, type JarEdit } from './jar-editor';
import { JarTable, type JarTableActions } from './jar-table';
import { useLabWindow } from './lab-window';
import { useLane } from './request-lane';
import { useLocalStore, useStore } from './store';

export function JarCard() {
  const { lab, session, inspector, decoder, view } = useLabWindow();
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

  // The Decoder shows them at once, and its result takes the focus once read.
  const openInDecoder = (cookies: readonly CookieRow[]): void => {
    if (decoder === null || cookies.length === 0) return;
    view.set('tab-decoder');
    void decoder.open(cookies);
  };
  const jarRows = () => (inspector.jar.get() ?? []).map((a) => a.cookie);
  const sessionPair = labSessionPair((rows ?? []).map((a) => a.cookie));
  // One function for the card's life, as the actions are.
  const onDecode = useMemo(() => (row: CookieRow) => openInDecoder(withItsPair(jarRows(), row)), []);

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
        <div class="actions">
          <button
            type="button"
            id="jar-decode"
            class="small"
            hidden={lab === null}
            disabled={sessionPair.length === 0}
            title={
              sessionPair.length === 0
                ? 'The jar holds no session cookie yet: log in first.'
                : `Opens ${sessionPair.map((r) => r.name).join(' and ')} in the Decoder`
            }
            onClick={() => openInDecoder(sessionPair)}
          >
            Open in the Decoder
          </button>
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
      </div>
      <div id="jar">
        {lab === null ? (
          <p class="needs-desktop">
            The cookie jar needs the desktop app. A web page cannot list the browser’s cookies: the session ones are HttpOnly. The server’s own view of the
            cookie it received is below.
          </p>
        ) : (
          rows !== null && (
            <JarTable
              rows={rows}
              actions={actions}
              onDecode={onDecode}
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

// The "Edit value" form: writes a new value into a jar cookie to show what tampering does.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { errorMessage, type CookieRow } from '../contract';
import { encodeSessionJson, sessionJson } from './cookie-format';
import { useLane } from './request-lane';
import { useLocalStore } from './store';

/** The cookie being edited, and the control that opened the editor (focus goes back to it). */
export interface JarEdit {
  row: CookieRow;
  returnFocusTo: HTMLElement;
}

export interface JarEditorProps {
  /** What to edit; null keeps the form hidden. A new object opens it afresh. */
  edit: JarEdit | null;
  /** Writes the value into the jar. */
  save(name: string, value: string): Promise<void>;
  /** After a save the jar took. */
  afterSave(): Promise<void>;
  close(): void;
}

interface Draft {
  text: string;
  json: boolean;
  /** null until the form was first opened (the field then says whether it is valid). */
  error: string | null;
}

export function JarEditor({ edit, save, afterSave, close }: JarEditorProps) {
  const [draft, store] = useLocalStore<Draft>(() => ({ text: '', json: false, error: null }));
  const lane = useLane();
  const field = useRef<HTMLTextAreaElement>(null);
  const set = (change: Partial<Draft>) => store.update((d) => ({ ...d, ...change }));

  // Opening starts from the cookie as the jar holds it; an answer for an earlier edit no longer applies.
  useLayoutEffect(() => {
    lane.reset();
    if (edit === null) return;
    const json = sessionJson(edit.row.value);
    const text = json ?? edit.row.value;
    store.set({ text, json: json !== null, error: '' });
    // Selected at once, so typing replaces it: the field cannot wait for the next render.
    const el = field.current;
    if (el === null) return;
    el.value = text;
    el.focus();
    el.select();
  }, [edit]);

  const toggleJson = (checked: boolean): void => {
    // Carry the text across: JSON <-> its base64, when it converts cleanly.
    const { text } = store.get();
    if (checked) {
      const json = sessionJson(text);
      if (json === null) set({ json: false, error: 'This value is not base64 JSON, so it can only be edited as raw text.' });
      else set({ text: json, json: true, error: '' });
      return;
    }
    let raw = text;
    try {
      raw = encodeSessionJson(JSON.stringify(JSON.parse(text)));
    } catch {
      // Not valid JSON yet: leave the text as typed.
    }
    set({ text: raw, json: false, error: '' });
  };

  const submit = (event: Event): void => {
    event.preventDefault();
    if (edit === null) return;
    const { text, json } = store.get();
    let value = text.trim();
    if (json) {
      try {
        value = encodeSessionJson(JSON.stringify(JSON.parse(value)));
      } catch {
        set({ error: 'That is not valid JSON. Fix it, or untick "Edit as JSON" to write a raw value.' });
        return;
      }
    }
    const { name } = edit.row;
    void lane.run(() => save(name, value), {
      paint: () => {
        close();
        void afterSave();
      },
      fail: (err) => set({ error: `Could not change ${name}: ${errorMessage(err)}` }),
    });
  };

  const canBeJson = edit !== null && sessionJson(edit.row.value) !== null;
  return (
    <form
      id="jar-editor"
      class="jar-editor"
      hidden={edit === null}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <h3 id="jar-editor-title">{edit === null ? 'Edit value' : `Edit value of ${edit.row.name}`}</h3>
      <p class="note">This changes the cookie in the jar only. The signature cookie stays as it was, so the server can tell.</p>
      <label class="check" id="jar-editor-json-row" hidden={!canBeJson}>
        <input type="checkbox" id="jar-editor-json" checked={draft.json} onChange={(event) => toggleJson(event.currentTarget.checked)} /> Edit as JSON and
        encode it as base64, like cookie-session does
      </label>
      <label for="jar-editor-value" id="jar-editor-label">
        {draft.json ? 'New payload (JSON)' : 'New value'}
      </label>
      <textarea
        ref={field}
        id="jar-editor-value"
        rows={3}
        spellcheck={false}
        aria-describedby="jar-editor-error"
        aria-invalid={draft.error === null ? undefined : draft.error !== ''}
        value={draft.text}
        onInput={(event) => set({ text: event.currentTarget.value })}
      />
      <p id="jar-editor-error" class="error" role="alert">
        {draft.error ?? ''}
      </p>
      <div class="actions">
        <button type="submit" class="primary">
          Save value
        </button>
        <button type="button" id="jar-editor-cancel" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}

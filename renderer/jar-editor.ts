// The "Edit value" form: writes a new value into a jar cookie to show what tampering does.
import type { CookieRow, LabBridge } from '../contract';
import { encodeSessionJson, sessionJson } from './cookie-format';
import { byId } from './dom';

export interface JarEditor {
  open(row: CookieRow, returnFocusTo: HTMLElement): void;
  close(): void;
}

export function setupJarEditor(bridge: LabBridge, afterSave: () => Promise<void>): JarEditor {
  const form = byId<HTMLFormElement>('jar-editor');
  const title = byId('jar-editor-title');
  const jsonRow = byId('jar-editor-json-row');
  const asJson = byId<HTMLInputElement>('jar-editor-json');
  const field = byId<HTMLTextAreaElement>('jar-editor-value');
  const label = byId('jar-editor-label');
  const error = byId('jar-editor-error');
  let editing: CookieRow | null = null;
  let returnFocus: HTMLElement | null = null;

  const setMode = (json: boolean): void => {
    asJson.checked = json;
    label.textContent = json ? 'New payload (JSON)' : 'New value';
  };

  const showError = (message: string): void => {
    error.textContent = message;
    field.setAttribute('aria-invalid', String(message !== ''));
  };

  const close = (): void => {
    form.hidden = true;
    editing = null;
    showError('');
    // The button that opened us may have been re-rendered; fall back to the table.
    if (returnFocus?.isConnected) returnFocus.focus();
    else byId('jar-title').focus();
    returnFocus = null;
  };

  asJson.addEventListener('change', () => {
    // Carry the text across: JSON <-> its base64, when it converts cleanly.
    if (asJson.checked) {
      const json = sessionJson(field.value);
      if (json === null) {
        setMode(false);
        showError('This value is not base64 JSON, so it can only be edited as raw text.');
        return;
      }
      field.value = json;
    } else {
      try {
        field.value = encodeSessionJson(JSON.stringify(JSON.parse(field.value)));
      } catch {
        // Not valid JSON yet: leave the text as typed.
      }
    }
    setMode(asJson.checked);
    showError('');
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!editing) return;
    let value = field.value.trim();
    if (asJson.checked) {
      try {
        value = encodeSessionJson(JSON.stringify(JSON.parse(value)));
      } catch {
        showError('That is not valid JSON. Fix it, or untick "Edit as JSON" to write a raw value.');
        return;
      }
    }
    const { name } = editing;
    bridge.setCookieValue(name, value).then(
      async () => {
        close();
        await afterSave();
      },
      (err: unknown) => showError(`Could not change ${name}: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
  byId('jar-editor-cancel').addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });

  return {
    open(row, returnFocusTo) {
      editing = row;
      returnFocus = returnFocusTo;
      title.textContent = `Edit value of ${row.name}`;
      const json = sessionJson(row.value);
      jsonRow.hidden = json === null;
      setMode(json !== null);
      field.value = json ?? row.value;
      showError('');
      form.hidden = false;
      field.focus();
      field.select();
    },
    close,
  };
}

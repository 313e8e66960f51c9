// A labelled payload editor for a card: what a person types as the session to write or sign.
import { useStore, type Store } from '../store';

export const FORGED_PAYLOAD = '{"username":"admin","visits":1000}';

export function PayloadEditor({ id, label, text }: { id: string; label: string; text: Store<string> }) {
  return (
    <div class="exp-field">
      <label for={id}>{label}</label>
      <textarea id={id} rows={2} spellcheck={false} value={useStore(text)} onInput={(event) => text.set(event.currentTarget.value)} />
    </div>
  );
}

// The to-do panel: the logged-in user's list, kept in the server's database and never in the cookie.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ApiError } from './api-client';
import { characterCount, errorMessage, MAX_TITLE_LENGTH } from '../contract';
import { useLabWindow } from './lab-window';
import { useLane } from './request-lane';
import { useLocalStore, useStore } from './store';
import { todoApi, type TodoItem } from './todo-api';

/** out: nobody logged in; loading/failed: the list is being fetched or could not be; ready: the list is shown. */
type View = 'out' | 'loading' | 'failed' | 'ready';

interface Editing {
  id: number;
  draft: string;
  /** Why the server refused the last save, shown under the field. */
  error: string | null;
  /** Tells this edit from a later one of the same item. */
  opened: number;
}

interface TodoState {
  view: View;
  /** Whose list is shown: answers for an earlier owner are dropped. */
  owner: string | null;
  items: readonly TodoItem[];
  editing: Editing | null;
  notice: string | null;
  error: string | null;
  title: string;
  /** The server refused the title typed: the field says so until it changes. */
  titleRefused: boolean;
  adding: boolean;
  /** Bumped to draw the list again when nothing in it changed (a refused tick shows the server's value again). */
  redraws: number;
}

const EMPTY: TodoState = {
  view: 'out',
  owner: null,
  items: [],
  editing: null,
  notice: null,
  error: null,
  title: '',
  titleRefused: false,
  adding: false,
  redraws: 0,
};

let edits = 0;

export function TodoPanel() {
  const { session } = useLabWindow();
  const { state: sessionState } = useStore(session.store);
  const [todo, store] = useLocalStore(() => EMPTY);
  const lane = useLane();
  const root = useRef<HTMLElement>(null);
  /** The data-focus key of the control to focus after the next render. */
  const focusNext = useRef<string | null>(null);

  const set = (change: Partial<TodoState>): void => store.update((s) => ({ ...s, ...change }));

  const load = (): void => {
    set({ view: 'loading' });
    void lane.run(todoApi.list, {
      paint: (answer) => set({ items: answer.items, notice: answer.notice, view: 'ready' }),
      fail: (err) => {
        set({ view: 'failed' });
        failed(err);
      },
    });
  };

  const setOwner = (owner: string | null): void => {
    lane.reset();
    store.set({ ...EMPTY, owner, view: owner === null ? 'out' : 'loading' });
    if (owner !== null) load();
  };

  const failed = (err: unknown): void => {
    const status = err instanceof ApiError ? err.status : null;
    // The cookie changed behind the session panel's back (edited or cleared in the jar).
    if (status === 401) setOwner(null);
    set({ error: errorMessage(err) });
    // The item is gone (another window deleted it): show the list as the server has it.
    if (status === 404) load();
  };

  const replace = (updated: TodoItem): void => {
    store.update((s) => ({ ...s, items: s.items.map((item) => (item.id === updated.id ? updated : item)), error: null }));
  };

  // Every answer of the session panel: a new user gets their list; logging out hides it.
  useLayoutEffect(() => {
    if (sessionState === null) return;
    const user = sessionState.loggedIn ? sessionState.username : null;
    if (user !== store.get().owner) setOwner(user);
  }, [sessionState]);

  useLayoutEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === null) return;
    const el = root.current?.querySelector<HTMLElement>(`[data-focus="${target}"]`);
    el?.focus();
    if (el instanceof HTMLInputElement && el.type === 'text' && target !== 'new') el.select();
  });

  const toggle = (item: TodoItem, done: boolean): void => {
    // On failure too the box shows what the server has.
    void lane.run(() => todoApi.update(item.id, { done }), {
      paint: replace,
      fail: (err) => {
        failed(err);
        store.update((s) => ({ ...s, redraws: s.redraws + 1 }));
      },
    });
  };

  const openEdit = (item: TodoItem): void => {
    focusNext.current = `title-${item.id}`;
    set({ editing: { id: item.id, draft: item.title, error: null, opened: ++edits } });
  };

  const closeEdit = (item: TodoItem): void => {
    focusNext.current = `edit-${item.id}`;
    set({ editing: null });
  };

  const saveEdit = (item: TodoItem): void => {
    const editing = store.get().editing;
    if (editing === null) return;
    const stillOpen = () => store.get().editing?.opened === editing.opened;
    void lane.run(() => todoApi.update(item.id, { title: editing.draft }), {
      paint: (updated) => {
        replace(updated);
        if (stillOpen()) closeEdit(item);
      },
      fail: (err) => {
        // A refused title is shown under its field, still open to fix; a lost
        // session or a vanished item is the whole panel's business.
        const status = err instanceof ApiError ? err.status : null;
        const open = store.get().editing;
        if (!stillOpen() || open === null || status === 401 || status === 404) {
          failed(err);
          return;
        }
        focusNext.current = `title-${item.id}`;
        set({ editing: { ...open, error: errorMessage(err) } });
      },
    });
  };

  const remove = (item: TodoItem): void => {
    void lane.run(() => todoApi.remove(item.id), {
      paint: () => {
        const { items, editing } = store.get();
        const index = items.findIndex((i) => i.id === item.id);
        const left = items.filter((i) => i.id !== item.id);
        const neighbour = left[index] ?? left[index - 1];
        focusNext.current = neighbour ? `delete-${neighbour.id}` : 'new';
        set({ items: left, editing: editing?.id === item.id ? null : editing, error: null });
      },
      fail: failed,
    });
  };

  const add = (event: Event): void => {
    event.preventDefault();
    const { adding, title } = store.get();
    if (adding) return;
    set({ adding: true });
    void lane.run(() => todoApi.add(title), {
      paint: (created) => {
        store.update((s) => ({ ...s, items: [...s.items, created], title: s.title === title ? '' : s.title, titleRefused: false, error: null, adding: false }));
      },
      fail: (err) => {
        focusNext.current = 'new';
        set({ titleRefused: true, adding: false });
        failed(err);
      },
    });
  };

  const { view, items, editing, notice, error, title, titleRefused } = todo;
  const ready = view === 'ready';
  const count = characterCount(title.trim());
  const over = count > MAX_TITLE_LENGTH;
  const done = items.filter((item) => item.done).length;

  return (
    <section ref={root} id="todos" class="card todo-card" aria-labelledby="todos-title">
      <div class="card-head">
        <h2 id="todos-title">To-dos</h2>
        <p class="todo-summary">{ready && items.length > 0 ? `${done} of ${items.length} done` : ''}</p>
      </div>
      {/* The tutorial's rule, applied: the session stays small; data goes on the server. */}
      <p class="note">
        Kept in the server’s database, not in the cookie: a cookie holds about 4 KB and anyone can read it, so the session stores only your username.
      </p>
      <p class="empty" hidden={view !== 'out'}>
        Log in to keep a to-do list.
      </p>
      <p class="todo-notice" role="status" hidden={notice === null}>
        {notice ?? ''}
      </p>
      <form class="todo-add" noValidate hidden={!ready} onSubmit={add}>
        <div class="todo-label-row">
          <label for="todo-new">New to-do</label>
          <p id="todo-counter" class={over ? 'todo-counter over' : 'todo-counter'}>
            {`${count} / ${MAX_TITLE_LENGTH}`}
          </p>
        </div>
        <div class="field-row">
          <input
            id="todo-new"
            type="text"
            autocomplete="off"
            data-focus="new"
            aria-describedby="todo-counter todo-error"
            aria-invalid={over || titleRefused ? true : undefined}
            value={title}
            onInput={(event) => set({ title: event.currentTarget.value, titleRefused: false })}
          />
          <button type="submit" class="primary">
            Add
          </button>
        </div>
      </form>
      <p id="todo-error" class="error" role="alert">
        {error ?? ''}
      </p>
      <p class="todo-status" hidden={view !== 'loading' && view !== 'failed'}>
        {view === 'failed' ? 'Your to-dos could not be loaded.' : 'Loading your to-dos…'}
      </p>
      <button
        type="button"
        class="todo-retry"
        hidden={view !== 'failed'}
        onClick={() => {
          set({ error: null });
          load();
        }}
      >
        Try again
      </button>
      <ul class="todo-list" aria-labelledby="todos-title" hidden={!ready || items.length === 0}>
        {ready &&
          items.map((item) =>
            editing?.id === item.id ? (
              <EditRow
                key={item.id}
                item={item}
                editing={editing}
                onDraft={(draft) => store.update((s) => (s.editing ? { ...s, editing: { ...s.editing, draft } } : s))}
                onSave={() => saveEdit(item)}
                onCancel={() => closeEdit(item)}
              />
            ) : (
              <ItemRow key={item.id} item={item} onToggle={(on) => toggle(item, on)} onEdit={() => openEdit(item)} onDelete={() => remove(item)} />
            ),
          )}
      </ul>
      <p class="empty" hidden={!ready || items.length > 0}>
        No to-dos yet. Add one above.
      </p>
    </section>
  );
}

interface ItemRowProps {
  item: TodoItem;
  onToggle(done: boolean): void;
  onEdit(): void;
  onDelete(): void;
}

function ItemRow({ item, onToggle, onEdit, onDelete }: ItemRowProps) {
  const boxId = `todo-done-${item.id}`;
  return (
    <li class={item.done ? 'todo-item done' : 'todo-item'}>
      <input type="checkbox" id={boxId} data-focus={`done-${item.id}`} checked={item.done} onChange={(event) => onToggle(event.currentTarget.checked)} />
      <label for={boxId} class="todo-title">
        {item.title}
      </label>
      <span class="todo-actions">
        <button type="button" class="small" aria-label={`Edit ${item.title}`} data-focus={`edit-${item.id}`} onClick={onEdit}>
          Edit
        </button>
        <button type="button" class="small danger" aria-label={`Delete ${item.title}`} data-focus={`delete-${item.id}`} onClick={onDelete}>
          Delete
        </button>
      </span>
    </li>
  );
}

interface EditRowProps {
  item: TodoItem;
  editing: Editing;
  onDraft(draft: string): void;
  onSave(): void;
  onCancel(): void;
}

function EditRow({ item, editing, onDraft, onSave, onCancel }: EditRowProps) {
  const fieldId = `todo-title-${item.id}`;
  const errorId = `todo-edit-error-${item.id}`;
  return (
    <li class="todo-item editing">
      <form
        class="todo-edit"
        noValidate
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          onCancel();
        }}
        onSubmit={(event) => {
          event.preventDefault();
          onSave();
        }}
      >
        <label for={fieldId} class="visually-hidden">
          New title for {item.title}
        </label>
        <input
          type="text"
          id={fieldId}
          autocomplete="off"
          data-focus={`title-${item.id}`}
          aria-describedby={editing.error !== null ? errorId : undefined}
          aria-invalid={editing.error !== null ? true : undefined}
          value={editing.draft}
          onInput={(event) => onDraft(event.currentTarget.value)}
        />
        <button type="submit" class="small primary">
          Save
        </button>
        <button type="button" class="small" onClick={onCancel}>
          Cancel
        </button>
      </form>
      {editing.error !== null && (
        <p id={errorId} class="error todo-edit-error" role="alert">
          {editing.error}
        </p>
      )}
    </li>
  );
}

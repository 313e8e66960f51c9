// The to-do panel: the logged-in user's list, kept in the server's database and never in the cookie.
import { characterCount, MAX_TITLE_LENGTH, type SessionState } from '../contract';
import { ApiError } from './api-client';
import { h } from './dom';
import { todoApi, type TodoItem } from './todo-api';

export interface TodoPanel {
  /** The session as the server last answered: shows that user's list, or hides it when nobody is logged in. */
  showSession(state: SessionState): void;
}

/** out: nobody logged in; loading/failed: the list is being fetched or could not be; ready: the list is shown. */
type View = 'out' | 'loading' | 'failed' | 'ready';

interface Editing {
  id: number;
  draft: string;
  /** Why the server refused the last save, shown under the field. */
  error: string | null;
}

/** Builds the panel inside `root`, an empty card in index.html. */
export function setupTodoPanel(root: HTMLElement): TodoPanel {
  const summary = h('p', { className: 'todo-summary' });
  const loggedOut = h('p', { className: 'empty' }, 'Log in to keep a to-do list.');
  const notice = h('p', { className: 'todo-notice', role: 'status', hidden: '' });
  const input = h('input', { id: 'todo-new', type: 'text', autocomplete: 'off', 'data-focus': 'new', 'aria-describedby': 'todo-counter todo-error' });
  const counter = h('p', { id: 'todo-counter', className: 'todo-counter' });
  const form = h(
    'form',
    { className: 'todo-add', novalidate: '' },
    h('div', { className: 'todo-label-row' }, h('label', { for: 'todo-new' }, 'New to-do'), counter),
    h('div', { className: 'field-row' }, input, h('button', { type: 'submit', className: 'primary' }, 'Add')),
  );
  const error = h('p', { id: 'todo-error', className: 'error', role: 'alert' });
  const status = h('p', { className: 'todo-status' });
  const retry = h('button', { type: 'button', className: 'todo-retry' }, 'Try again');
  const list = h('ul', { className: 'todo-list', 'aria-labelledby': 'todos-title' });
  const empty = h('p', { className: 'empty' }, 'No to-dos yet. Add one above.');
  root.replaceChildren(
    h('div', { className: 'card-head' }, h('h2', { id: 'todos-title' }, 'To-dos'), summary),
    // The tutorial's rule, applied: the session stays small; data goes on the server.
    h('p', { className: 'note' }, 'Kept in the server’s database, not in the cookie: a cookie holds about 4 KB and anyone can read it, so the session stores only your username.'),
    loggedOut,
    notice,
    form,
    error,
    status,
    retry,
    list,
    empty,
  );

  let view: View = 'out';
  let owner: string | null = null;
  // Bumped whenever the list shown changes hands: answers for an earlier owner are dropped.
  let epoch = 0;
  let items: TodoItem[] = [];
  let editing: Editing | null = null;
  let adding = false;
  /** The data-focus key of the control to focus after the next render. */
  let focusNext: string | null = null;

  const showError = (message: string | null): void => {
    error.textContent = message ?? '';
  };

  const updateCounter = (): void => {
    const count = characterCount(input.value.trim());
    counter.textContent = `${count} / ${MAX_TITLE_LENGTH}`;
    counter.classList.toggle('over', count > MAX_TITLE_LENGTH);
    if (count > MAX_TITLE_LENGTH) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };

  // One request at a time, in order: a double click must not race two changes.
  let queue: Promise<void> = Promise.resolve();
  const run = (action: (current: () => boolean) => Promise<void>): void => {
    const at = epoch;
    const current = () => at === epoch;
    queue = queue.then(async () => {
      if (!current()) return;
      try {
        await action(current);
      } catch (err) {
        if (current()) failed(err);
      }
    });
  };

  const failed = (err: unknown): void => {
    const status = err instanceof ApiError ? err.status : null;
    // The cookie changed behind the session panel's back (edited or cleared in the jar).
    if (status === 401) setOwner(null);
    showError(err instanceof Error ? err.message : String(err));
    // The item is gone (another window deleted it): show the list as the server has it.
    if (status === 404) load();
  };

  const replace = (updated: TodoItem): void => {
    items = items.map((item) => (item.id === updated.id ? updated : item));
    showError(null);
  };

  const load = (): void => {
    setView('loading');
    run(async (current) => {
      try {
        const answer = await todoApi.list();
        if (!current()) return;
        items = answer.items;
        notice.textContent = answer.notice ?? '';
        notice.hidden = answer.notice === null;
        setView('ready');
      } catch (err) {
        if (current()) setView('failed');
        throw err;
      }
    });
  };

  const setOwner = (user: string | null): void => {
    owner = user;
    epoch += 1;
    items = [];
    editing = null;
    adding = false;
    input.value = '';
    updateCounter();
    showError(null);
    notice.hidden = true;
    if (user === null) setView('out');
    else load();
  };

  const setView = (next: View): void => {
    view = next;
    loggedOut.hidden = next !== 'out';
    form.hidden = next !== 'ready';
    status.hidden = next !== 'loading' && next !== 'failed';
    status.textContent = next === 'failed' ? 'Your to-dos could not be loaded.' : 'Loading your to-dos…';
    retry.hidden = next !== 'failed';
    render();
  };

  const render = (): void => {
    const active = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement.dataset.focus : undefined;
    const target = focusNext ?? active;
    focusNext = null;
    const ready = view === 'ready';
    list.replaceChildren(...(ready ? items.map(row) : []));
    list.hidden = !ready || items.length === 0;
    empty.hidden = !ready || items.length > 0;
    const done = items.filter((item) => item.done).length;
    summary.textContent = ready && items.length > 0 ? `${done} of ${items.length} done` : '';
    if (target === undefined) return;
    for (const el of root.querySelectorAll<HTMLElement>('[data-focus]')) {
      if (el.dataset.focus !== target) continue;
      el.focus();
      if (el instanceof HTMLInputElement && el.type === 'text' && el !== input) el.select();
      break;
    }
  };

  const row = (item: TodoItem): HTMLLIElement => {
    if (editing?.id === item.id) return editRow(item, editing);
    const boxId = `todo-done-${item.id}`;
    const box = h('input', { type: 'checkbox', id: boxId, 'data-focus': `done-${item.id}` });
    box.checked = item.done;
    box.addEventListener('change', () => {
      const done = box.checked;
      run(async (current) => {
        try {
          const updated = await todoApi.update(item.id, { done });
          if (current()) replace(updated);
        } finally {
          // On failure too: the box shows what the server has.
          if (current()) render();
        }
      });
    });
    const edit = h('button', { type: 'button', className: 'small', 'aria-label': `Edit ${item.title}`, 'data-focus': `edit-${item.id}` }, 'Edit');
    edit.addEventListener('click', () => {
      editing = { id: item.id, draft: item.title, error: null };
      focusNext = `title-${item.id}`;
      render();
    });
    const remove = h('button', { type: 'button', className: 'small danger', 'aria-label': `Delete ${item.title}`, 'data-focus': `delete-${item.id}` }, 'Delete');
    remove.addEventListener('click', () => {
      run(async (current) => {
        await todoApi.remove(item.id);
        if (!current()) return;
        const index = items.findIndex((i) => i.id === item.id);
        items = items.filter((i) => i.id !== item.id);
        if (editing?.id === item.id) editing = null;
        const neighbour = items[index] ?? items[index - 1];
        focusNext = neighbour ? `delete-${neighbour.id}` : 'new';
        showError(null);
        render();
      });
    });
    return h(
      'li',
      { className: item.done ? 'todo-item done' : 'todo-item' },
      box,
      h('label', { for: boxId, className: 'todo-title' }, item.title),
      h('span', { className: 'todo-actions' }, edit, remove),
    );
  };

  const editRow = (item: TodoItem, state: Editing): HTMLLIElement => {
    const fieldId = `todo-title-${item.id}`;
    const errorId = `todo-edit-error-${item.id}`;
    const field = h('input', { type: 'text', id: fieldId, autocomplete: 'off', 'data-focus': `title-${item.id}`, 'aria-describedby': state.error !== null ? errorId : undefined });
    field.value = state.draft;
    if (state.error !== null) field.setAttribute('aria-invalid', 'true');
    field.addEventListener('input', () => {
      state.draft = field.value;
    });
    const cancelEdit = (): void => {
      editing = null;
      focusNext = `edit-${item.id}`;
      render();
    };
    const cancel = h('button', { type: 'button', className: 'small' }, 'Cancel');
    cancel.addEventListener('click', cancelEdit);
    const editForm = h(
      'form',
      { className: 'todo-edit', novalidate: '' },
      h('label', { for: fieldId, className: 'visually-hidden' }, `New title for ${item.title}`),
      field,
      h('button', { type: 'submit', className: 'small primary' }, 'Save'),
      cancel,
    );
    editForm.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      cancelEdit();
    });
    editForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const title = state.draft;
      run(async (current) => {
        try {
          const updated = await todoApi.update(item.id, { title });
          if (!current()) return;
          replace(updated);
          if (editing === state) {
            editing = null;
            focusNext = `edit-${item.id}`;
          }
        } catch (err) {
          // A refused title is shown under its field, still open to fix; a lost
          // session or a vanished item is the whole panel's business.
          const status = err instanceof ApiError ? err.status : null;
          if (editing !== state || status === 401 || status === 404) throw err;
          state.error = err instanceof Error ? err.message : String(err);
          focusNext = `title-${item.id}`;
        } finally {
          if (current()) render();
        }
      });
    });
    return h(
      'li',
      { className: 'todo-item editing' },
      editForm,
      state.error !== null && h('p', { id: errorId, className: 'error todo-edit-error', role: 'alert' }, state.error),
    );
  };

  input.addEventListener('input', updateCounter);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (adding) return;
    adding = true;
    const title = input.value;
    run(async (current) => {
      try {
        const item = await todoApi.add(title);
        if (!current()) return;
        items = [...items, item];
        if (input.value === title) input.value = '';
        updateCounter();
        showError(null);
        render();
      } catch (err) {
        if (current()) {
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        }
        throw err;
      } finally {
        if (current()) adding = false;
      }
    });
  });
  retry.addEventListener('click', () => {
    showError(null);
    load();
  });

  updateCounter();
  setView('out');

  return {
    showSession(state) {
      const user = state.loggedIn ? state.username : null;
      if (user !== owner) setOwner(user);
    },
  };
}

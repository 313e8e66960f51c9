// Checks what a client sends to the to-do API: ids in the path, new to-dos and changes in the body.
import { characterCount, MAX_TITLE_LENGTH, type TodoChanges } from '../../contract';
import { isPrintable } from '../printable-text';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** A title as stored: trimmed, 1 to 200 printable characters. */
export function checkTitle(raw: unknown): Checked<string> {
  if (raw === undefined || raw === null) return fail('Title is required.');
  if (typeof raw !== 'string') return fail('Title must be text.');
  const title = raw.trim();
  if (title === '') return fail('Title cannot be empty.');
  if (characterCount(title) > MAX_TITLE_LENGTH) return fail(`Title must be at most ${MAX_TITLE_LENGTH} characters.`);
  if (!isPrintable(title)) return fail('Title may only contain printable characters.');
  return { ok: true, value: title };
}

/** The body of POST /api/todos: {"title": "…"} and nothing else. */
export function checkNewTodo(body: unknown): Checked<{ title: string }> {
  const fields = jsonObject(body, 'Send the new to-do as a JSON object, like {"title": "Buy milk"}.');
  if (!fields.ok) return fields;
  const unknown = Object.keys(fields.value).find((key) => key !== 'title');
  if (unknown !== undefined) return fail(`Unknown field ${JSON.stringify(unknown)}: a new to-do takes only "title".`);
  const title = checkTitle(fields.value.title);
  return title.ok ? { ok: true, value: { title: title.value } } : title;
}

/** The body of PATCH /api/todos/:id: "title", "done" or both. */
export function checkTodoChanges(body: unknown): Checked<TodoChanges> {
  const fields = jsonObject(body, 'Send the changes as a JSON object, like {"done": true}.');
  if (!fields.ok) return fields;
  const unknown = Object.keys(fields.value).find((key) => key !== 'title' && key !== 'done');
  if (unknown !== undefined) return fail(`Unknown field ${JSON.stringify(unknown)}: a to-do has only "title" and "done".`);
  const { title, done } = fields.value;
  if (title === undefined && done === undefined) return fail('Nothing to change: send "title", "done" or both.');
  const changes: TodoChanges = {};
  if (title !== undefined) {
    const checked = checkTitle(title);
    if (!checked.ok) return checked;
    changes.title = checked.value;
  }
  if (done !== undefined) {
    if (typeof done !== 'boolean') return fail('Done must be true or false.');
    changes.done = done;
  }
  return { ok: true, value: changes };
}

/** An id from the path: a positive whole number in plain decimal, else null. */
export function parseTodoId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

function jsonObject(body: unknown, error: string): Checked<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(error);
  return { ok: true, value: body as Record<string, unknown> };
}

// The to-do API (/api/todos): the logged-in user's items, kept in the server's database.
import type { TodoChanges, TodoItem } from '../server/index';
import { call } from './api-client';

export type { TodoItem };

/** GET /api/todos: the items, and what a person should know about the database (it was corrupt and moved aside), or null. */
export interface TodoList {
  items: TodoItem[];
  notice: string | null;
}

const itemPath = (id: number): string => `/api/todos/${encodeURIComponent(String(id))}`;

export const todoApi = {
  list: () => call<TodoList>('GET', '/api/todos'),
  add: (title: string) => call<TodoItem>('POST', '/api/todos', { title }),
  update: (id: number, changes: TodoChanges) => call<TodoItem>('PATCH', itemPath(id), changes),
  remove: (id: number) => call<null>('DELETE', itemPath(id)),
};

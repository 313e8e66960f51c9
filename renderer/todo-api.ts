// The to-do API (/api/todos): the logged-in user's items, kept in the server's database.
import type { TodoChanges, TodoItem, TodoList } from '../contract';
import { call } from './api-client';

export type { TodoItem, TodoList };

export const todoApi = {
  list: () => call('GET /api/todos'),
  add: (title: string) => call('POST /api/todos', { body: { title } }),
  update: (id: number, changes: TodoChanges) => call('PATCH /api/todos/:id', { params: { id }, body: changes }),
  remove: (id: number) => call('DELETE /api/todos/:id', { params: { id } }),
};

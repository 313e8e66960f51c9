// A logged-in user's to-do items, as the API sends and takes them.

/** One to-do. Times are ISO 8601 UTC. */
export interface TodoItem {
  id: number;
  title: string;
  done: boolean;
  created: string;
  updated: string;
}

/** The body of a new to-do. */
export interface NewTodo {
  title: string;
}

/** What a change may set. */
export interface TodoChanges {
  title?: string;
  done?: boolean;
}

/** GET /api/todos: the items, oldest first, and what a person should know about the database, or null. */
export interface TodoList {
  items: TodoItem[];
  notice: string | null;
}

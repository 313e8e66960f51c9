// The to-do JSON API under /api/todos: the logged-in user's items, and only theirs.
import { Router, type Request, type RequestHandler } from 'express';
import { TODO_WRITES_PER_MINUTE } from '../../contract';
import { HttpError } from '../http/http-error';
import { answer } from '../http/json-answer';
import { usernameOf } from '../session/session-state';
import { TodoDatabaseUnavailableError, TodoSaveError } from './todo-db';
import { checkNewTodo, checkTodoChanges, parseTodoId } from './todo-input';
import { todoWriteLimit } from './todo-rate-limit';
import { TodoLimitError, TodoStoreFullError, type TodoStore } from './todo-store';

export interface TodoRouteOptions {
  log?: (message: string) => void;
  /** Writes one client may make per minute (429 past it); null: no limit (the bench's load). */
  writesPerMinute?: number | null;
}

export function todoRoutes(store: TodoStore, options: TodoRouteOptions = {}): Router {
  const { log = console.error, writesPerMinute = TODO_WRITES_PER_MINUTE } = options;
  const router = Router();
  if (writesPerMinute !== null) router.use(todoWriteLimit(writesPerMinute));

  // Store failures become sentences; anything else reaches the error handler as a 500.
  // A failed save is a 503 (the disk is full or gone: try again later), logged
  // here with its cause, which the client never sees.
  const call = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (err) {
      if (err instanceof TodoDatabaseUnavailableError) throw new HttpError(503, err.message);
      if (err instanceof TodoLimitError) throw new HttpError(409, err.message);
      // 507 Insufficient Storage: the server cannot store it, whoever asks.
      if (err instanceof TodoStoreFullError) throw new HttpError(507, err.message);
      if (err instanceof TodoSaveError) {
        log(`Session Lab: ${err.message}`);
        throw new HttpError(503, 'Your change could not be saved to the to-do database, so it was not made. The error was logged; try again.');
      }
      throw err;
    }
  };

  router
    .route('/')
    .get(async (req, res) => {
      const items = await call(store.list(owner(req)));
      // The session only says who you are; the list comes from the database.
      answer(res, 'GET /api/todos', { items, notice: store.notice });
    })
    .post(async (req, res) => {
      const user = owner(req);
      const input = checkNewTodo(jsonBody(req, 'Send the new to-do as JSON: {"title": "…"}.'));
      if (!input.ok) throw new HttpError(400, input.error);
      answer(res, 'POST /api/todos', await call(store.add(user, input.value.title)), 201);
    })
    .all(methodNotAllowed('GET, POST'));

  router
    .route('/:id')
    .patch(async (req, res) => {
      const user = owner(req);
      const id = todoId(req);
      const changes = checkTodoChanges(jsonBody(req, 'Send the changes as JSON, like {"done": true}.'));
      if (!changes.ok) throw new HttpError(400, changes.error);
      const item = await call(store.update(user, id, changes.value));
      if (item === null) throw noSuchTodo(req);
      answer(res, 'PATCH /api/todos/:id', item);
    })
    .delete(async (req, res) => {
      const user = owner(req);
      const id = todoId(req);
      if (!(await call(store.remove(user, id)))) throw noSuchTodo(req);
      answer(res, 'DELETE /api/todos/:id', null, 204);
    })
    .all(methodNotAllowed('PATCH, DELETE'));

  return router;
}

/** The session's username; items belong to it. */
function owner(req: Request): string {
  const username = usernameOf(req.session);
  if (username === null) throw new HttpError(401, 'Log in to see and change your to-dos.');
  return username;
}

/**
 * A malformed id is a 404 like an unknown one: the path names no to-do. Someone
 * else's item is a 404 too, so ids reveal nothing about other users' lists.
 */
function todoId(req: Request): number {
  const id = parseTodoId(String(req.params.id));
  if (id === null) throw noSuchTodo(req);
  return id;
}

function noSuchTodo(req: Request): HttpError {
  const raw = String(req.params.id);
  return new HttpError(404, `You have no to-do with id ${/^\d+$/.test(raw) ? raw : JSON.stringify(raw)}.`);
}

/** The parsed JSON body; a body of another type is a 415 (none at all is left to the body check: a 400). */
function jsonBody(req: Request, howTo: string): unknown {
  if (req.is('application/json') === false) throw new HttpError(415, howTo);
  return req.body;
}

function methodNotAllowed(allow: string): RequestHandler {
  return (req, res) => {
    res.set('Allow', allow);
    throw new HttpError(405, `${req.method} is not allowed here; use ${allow.replace(', ', ' or ')}.`);
  };
}

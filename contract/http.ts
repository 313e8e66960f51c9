// The HTTP API's route map: every JSON route, what it takes and what it answers.
//
// The window's client is typed by it (renderer/api-client.ts), and the server's
// handlers answer with its response types, so neither side casts.
import type { CookieInspection, LabSessionReport, LogoutEverywhereAnswer, SessionState } from './session';
import type { NewTodo, TodoChanges, TodoItem, TodoList } from './todos';

/** The types of one route, carried by an empty object (only the keys exist at run time). */
export interface RouteTypes<Body, Response> {
  readonly body?: Body;
  readonly response?: Response;
}
const route = <Body, Response>(): RouteTypes<Body, Response> => ({});

/** What every refusal (4xx, 5xx) carries: one sentence for a person. */
export interface ErrorBody {
  error: string;
}

/** Every route of the JSON API, as "METHOD /path"; ":id" is a path parameter. */
export const HTTP_API = {
  'GET /api/session': route<null, SessionState>(),
  'POST /api/login': route<{ username: string }, SessionState>(),
  'POST /api/logout': route<null, SessionState>(),
  'POST /api/counter': route<null, SessionState>(),
  'POST /api/session/clear': route<null, SessionState>(),
  /** Server-side sessions: ends every session of the logged-in user (all devices). Client-side: 409, nothing to revoke. */
  'POST /api/logout/everywhere': route<null, LogoutEverywhereAnswer>(),
  /** What the server received and whether its keys verify it. */
  'GET /api/session/cookie': route<null, CookieInspection>(),
  'GET /api/lab/session': route<null, LabSessionReport>(),
  'POST /api/lab/stuff': route<{ bytes: number }, LabSessionReport>(),
  'POST /api/lab/unstuff': route<null, LabSessionReport>(),
  'POST /api/lab/stash': route<{ name: string; value: string }, LabSessionReport>(),
  'POST /api/lab/forget': route<null, LabSessionReport>(),
  'GET /api/todos': route<null, TodoList>(),
  'POST /api/todos': route<NewTodo, TodoItem>(),
  'PATCH /api/todos/:id': route<TodoChanges, TodoItem>(),
  'DELETE /api/todos/:id': route<null, null>(),
};

export type Route = keyof typeof HTTP_API;
export type RequestBody<R extends Route> = Exclude<(typeof HTTP_API)[R]['body'], undefined>;
export type ResponseBody<R extends Route> = Exclude<(typeof HTTP_API)[R]['response'], undefined>;
export type HttpMethod<R extends Route = Route> = R extends `${infer M} ${string}` ? M : never;
/** The path parameters a route's template names (only ":id" so far). */
export type PathParams<R extends Route> = R extends `${string}:id${string}` ? { id: number } : Record<string, never>;

export const ROUTES = Object.keys(HTTP_API) as Route[];

/** Splits "METHOD /path" and fills in the path parameters (URL-encoded). */
export function routeRequest<R extends Route>(route: R, params: PathParams<R>): { method: HttpMethod<R>; path: string } {
  const space = route.indexOf(' ');
  const method = route.slice(0, space) as HttpMethod<R>;
  const path = route.slice(space + 1).replace(/:([a-z]+)/g, (_m, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    if (value === undefined) throw new TypeError(`${route} needs the path parameter "${name}".`);
    return encodeURIComponent(String(value));
  });
  return { method, path };
}

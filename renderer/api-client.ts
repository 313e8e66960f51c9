// The server's JSON API, same origin: the browser attaches and stores the cookies itself.
// Every call names a route of the contract's map (contract/http.ts), which types its body and answer.
import { routeRequest, type PathParams, type RequestBody, type ResponseBody, type Route } from '../contract';

/** A refusal the person should read: the server's sentence, or why it could not be reached. */
export class ApiError extends Error {
  override name = 'ApiError';
  /** @param status the HTTP status, or null when the server could not be reached. */
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** A 2xx answer: its JSON body, status and headers. */
export interface JsonAnswer<T> {
  data: T;
  status: number;
  headers: Headers;
}

/** What a route needs besides its name: a body unless it takes none, path parameters when it has some. */
type RouteInput<R extends Route> = (RequestBody<R> extends null ? { body?: null } : { body: RequestBody<R> }) &
  (PathParams<R> extends Record<string, never> ? { params?: undefined } : { params: PathParams<R> });
/** The input may be left out exactly when nothing in it is required. */
export type RouteArgs<R extends Route> = Record<string, never> extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

/** One JSON request; an answer other than 2xx rejects with an ApiError carrying the server's sentence. */
export function request<R extends Route>(route: R, ...args: RouteArgs<R>): Promise<JsonAnswer<ResponseBody<R>>> {
  return requestAt('', route, ...args);
}

/** The same request under a path prefix (Lab III's /server-side/: the same API, another instance). */
export async function requestAt<R extends Route>(base: string, route: R, ...[input]: RouteArgs<R>): Promise<JsonAnswer<ResponseBody<R>>> {
  const { method, path: routePath } = routeRequest(route, (input?.params ?? {}) as PathParams<R>);
  const path = `${base}${routePath}`;
  const body = input?.body ?? null;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === null ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === null ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('Cannot reach the lab server. Is it still running?');
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = typeof data === 'object' && data !== null && 'error' in data ? (data as { error: unknown }).error : null;
    throw new ApiError(typeof error === 'string' ? error : `The server answered ${res.status} ${res.statusText}.`, res.status);
  }
  // The one place the answer's type is taken on trust: the server's handlers answer with the same route map's types.
  return { data: data as ResponseBody<R>, status: res.status, headers: res.headers };
}

/** The same request, when only the body matters. */
export async function call<R extends Route>(route: R, ...args: RouteArgs<R>): Promise<ResponseBody<R>> {
  return (await request(route, ...args)).data;
}

export const api = {
  session: () => call('GET /api/session'),
  login: (username: string) => call('POST /api/login', { body: { username } }),
  logout: () => call('POST /api/logout'),
  countVisit: () => call('POST /api/counter'),
  clearSession: () => call('POST /api/session/clear'),
  /** What the server received and whether its keys verify it. */
  cookieInspection: () => call('GET /api/session/cookie'),
};

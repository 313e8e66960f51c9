// The server's JSON API, same origin: the browser attaches and stores the cookies itself.
import type { CookieInspection, SessionState } from '../server/index';

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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One JSON request; an answer other than 2xx rejects with an ApiError carrying the server's sentence. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<JsonAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('Cannot reach the lab server. Is it still running?');
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = typeof data === 'object' && data !== null && 'error' in data ? (data as { error: unknown }).error : null;
    throw new ApiError(typeof error === 'string' ? error : `The server answered ${res.status} ${res.statusText}.`, res.status);
  }
  return { data: data as T, status: res.status, headers: res.headers };
}

/** The same request, when only the body matters. */
export async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await request<T>(method, path, body)).data;
}

export const api = {
  session: () => call<SessionState>('GET', '/api/session'),
  login: (username: string) => call<SessionState>('POST', '/api/login', { username }),
  logout: () => call<SessionState>('POST', '/api/logout'),
  countVisit: () => call<SessionState>('POST', '/api/counter'),
  clearSession: () => call<SessionState>('POST', '/api/session/clear'),
  /** What the server received and whether its keys verify it. */
  cookieInspection: () => call<CookieInspection>('GET', '/api/session/cookie'),
};

// Lab II's requests: the same JSON API, with the lab's response headers (which
// instance answered, whether the session was refused as expired) kept.
import type { LabSessionReport, SessionState } from '../../server/index';
import { ApiError } from '../api-client';

export interface Answer<T> {
  data: T;
  status: number;
  /** Session-Lab-Instance: "A" or "B" while the scale-out experiment runs, else null. */
  instance: string | null;
  /** Session-Lab-Expired: "idle", "absolute" or "unstamped" when the server refused the session, else null. */
  expired: string | null;
}

async function labCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
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
  return { data: data as T, status: res.status, instance: res.headers.get('Session-Lab-Instance'), expired: res.headers.get('Session-Lab-Expired') };
}

export const labApi = {
  session: () => labCall<SessionState>('GET', '/api/session'),
  login: (username: string) => labCall<SessionState>('POST', '/api/login', { username }),
  logout: () => labCall<SessionState>('POST', '/api/logout'),
  countVisit: () => labCall<SessionState>('POST', '/api/counter'),
  /** What the server received: padding and cookie size as it sees them. */
  report: () => labCall<LabSessionReport>('GET', '/api/lab/session'),
  stuff: (bytes: number) => labCall<LabSessionReport>('POST', '/api/lab/stuff', { bytes }),
  unstuff: () => labCall<LabSessionReport>('POST', '/api/lab/unstuff'),
  stash: (name: string, value: string) => labCall<LabSessionReport>('POST', '/api/lab/stash', { name, value }),
  forget: () => labCall<LabSessionReport>('POST', '/api/lab/forget'),
};

// Lab II's requests: the same JSON API, with the lab's response headers (which
// instance answered, whether the session was refused as expired) kept.
import type { LabSessionReport, SessionState } from '../../server/index';
import { request } from '../api-client';

export interface Answer<T> {
  data: T;
  status: number;
  /** Session-Lab-Instance: "A" or "B" while the scale-out experiment runs, else null. */
  instance: string | null;
  /** Session-Lab-Expired: "idle", "absolute" or "unstamped" when the server refused the session, else null. */
  expired: string | null;
}

async function labCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
  const { data, status, headers } = await request<T>(method, path, body);
  return { data, status, instance: headers.get('Session-Lab-Instance'), expired: headers.get('Session-Lab-Expired') };
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

// Lab II's requests: the same JSON API, with the lab's response headers (which
// instance answered, whether the session was refused as expired) kept.
import { EXPIRED_HEADER, INSTANCE_HEADER, type ResponseBody, type Route } from '../../contract';
import { request, type RouteArgs } from '../api-client';

export interface Answer<T> {
  data: T;
  status: number;
  /** Session-Lab-Instance: "A" or "B" while the scale-out experiment runs, else null. */
  instance: string | null;
  /** Session-Lab-Expired: "idle", "absolute" or "unstamped" when the server refused the session, else null. */
  expired: string | null;
}

async function labCall<R extends Route>(route: R, ...args: RouteArgs<R>): Promise<Answer<ResponseBody<R>>> {
  const { data, status, headers } = await request(route, ...args);
  return { data, status, instance: headers.get(INSTANCE_HEADER), expired: headers.get(EXPIRED_HEADER) };
}

export const labApi = {
  session: () => labCall('GET /api/session'),
  login: (username: string) => labCall('POST /api/login', { body: { username } }),
  logout: () => labCall('POST /api/logout'),
  countVisit: () => labCall('POST /api/counter'),
  /** What the server received: padding and cookie size as it sees them. */
  report: () => labCall('GET /api/lab/session'),
  stuff: (bytes: number) => labCall('POST /api/lab/stuff', { body: { bytes } }),
  unstuff: () => labCall('POST /api/lab/unstuff'),
  stash: (name: string, value: string) => labCall('POST /api/lab/stash', { body: { name, value } }),
  forget: () => labCall('POST /api/lab/forget'),
};

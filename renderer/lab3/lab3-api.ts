// Lab III's requests: the same JSON API on both sides, the client-side one at
// the lab server itself and the server-side one under /server-side/, with the
// headers that say which instance answered and what the store did.
import { INSTANCE_HEADER, SERVER_SIDE_PREFIX, STORE_HEADER, type ResponseBody, type Route, type SessionKind } from '../../contract';
import { requestAt, type RouteArgs } from '../api-client';

/** What the session store did for one request (Session-Lab-Store), or null: no store (client-side). */
export interface StoreOps {
  reads: number;
  writes: number;
  ms: number;
}

export interface SideAnswer<T> {
  data: T;
  status: number;
  /** Session-Lab-Instance: S1 or S2 during the scale-out, else null. */
  instance: string | null;
  store: StoreOps | null;
}

export function parseStoreOps(header: string | null): StoreOps | null {
  const m = header === null ? null : /^reads=(\d+) writes=(\d+) ms=([\d.]+)$/.exec(header);
  return m === null ? null : { reads: Number(m[1]), writes: Number(m[2]), ms: Number(m[3]) };
}

export const SIDE_BASE: Record<SessionKind, string> = { client: '', server: SERVER_SIDE_PREFIX };
export const SIDE_LABEL: Record<SessionKind, string> = { client: 'Client-side', server: 'Server-side' };

function sideCall(side: SessionKind) {
  return async <R extends Route>(route: R, ...args: RouteArgs<R>): Promise<SideAnswer<ResponseBody<R>>> => {
    const { data, status, headers } = await requestAt(SIDE_BASE[side], route, ...args);
    return { data, status, instance: headers.get(INSTANCE_HEADER), store: parseStoreOps(headers.get(STORE_HEADER)) };
  };
}

/** The requests every card makes, on one side. */
export function sideApi(side: SessionKind) {
  const call = sideCall(side);
  return {
    side,
    session: () => call('GET /api/session'),
    login: (username: string) => call('POST /api/login', { body: { username } }),
    logout: () => call('POST /api/logout'),
    countVisit: () => call('POST /api/counter'),
    clear: () => call('POST /api/session/clear'),
    logoutEverywhere: () => call('POST /api/logout/everywhere'),
    report: () => call('GET /api/lab/session'),
    stuff: (bytes: number) => call('POST /api/lab/stuff', { body: { bytes } }),
  };
}

export type SideApi = ReturnType<typeof sideApi>;
export const clientSide = sideApi('client');
export const serverSide = sideApi('server');

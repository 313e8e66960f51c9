// The session's contents as the app understands them, and their sentences.
//
// A payload is only trusted as far as its types go: a cookie signed with the
// right key can still hold anything the key holder wrote into it.

import { SESSION_COOKIE_NAME, type SessionState } from '../../contract';
import { ownWarnings } from './session-engine';
import { sessionWarnings } from './session-warnings';

type SessionLike = Record<string, unknown> | null | undefined;

export function usernameOf(session: SessionLike): string | null {
  const value = session?.username;
  return typeof value === 'string' && value !== '' ? value : null;
}

export function visitsOf(session: SessionLike): number | null {
  const value = session?.visits;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

export function loginMessage(username: string | null): string {
  return username === null ? 'You are not logged in' : `Logged in as ${username}`;
}

export function visitsMessage(visits: number): string {
  return `Number of visits: ${visits}`;
}

export function sessionState(session: SessionLike): SessionState {
  const username = usernameOf(session);
  const visits = visitsOf(session);
  return {
    loggedIn: username !== null,
    username,
    visits: visits ?? 0,
    message: loginMessage(username),
    visitsMessage: visits === null ? null : visitsMessage(visits),
    // A server-side session has its own (session-engine.ts); else they are the cookie's.
    warnings: session ? (ownWarnings(session) ?? sessionWarnings(SESSION_COOKIE_NAME, session).map((w) => w.message)) : [],
  };
}

/** The tutorial's counter: `visits + 1` when present, else 1. */
export function nextVisits(session: SessionLike): number {
  const visits = visitsOf(session);
  return visits === null ? 1 : visits + 1;
}

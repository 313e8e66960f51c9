// The JSON API the lab window drives. Every change answers with the new state,
// so one action is one round trip.
import { Router, type Request, type Response } from 'express';
import { checkUsername } from '../session/username';
import { nextVisits, sessionState, usernameOf } from '../session/session-state';
import { inspectCookieHeader } from '../session/session-inspect';
import { HttpError } from '../http/http-error';
import { answer } from '../http/json-answer';
import type { SessionEngine } from '../session/session-engine';

export function apiRoutes(cookieName: string, keys: readonly string[], engine: SessionEngine): Router {
  const router = Router();

  // cookie-session writes the cookie when the response goes out; the state we
  // return is what that cookie will hold.
  const reply = (route: 'GET /api/session' | 'POST /api/login' | 'POST /api/logout' | 'POST /api/counter', req: Request, res: Response) =>
    answer(res, route, sessionState(req.session));

  router.get('/session', (req, res) => {
    reply('GET /api/session', req, res);
  });

  router.post('/login', (req, res) => {
    if (!req.is('application/json')) throw new HttpError(415, 'Send the login as JSON: {"username": "…"}.');
    const body: unknown = req.body;
    const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).username : undefined;
    const check = checkUsername(raw);
    if (!check.ok) throw new HttpError(400, check.error);
    req.session!.username = check.username;
    reply('POST /api/login', req, res);
  });

  router.post('/logout', (req, res) => {
    if (req.session && 'username' in req.session) delete req.session.username;
    reply('POST /api/logout', req, res);
  });

  router.post('/counter', (req, res) => {
    req.session!.visits = nextVisits(req.session);
    reply('POST /api/counter', req, res);
  });

  router.post('/session/clear', (req, res) => {
    req.session = null;
    answer(res, 'POST /api/session/clear', sessionState(null));
  });

  // Every device at once: server-side, each of the user's records is destroyed,
  // so every copy of every cookie opens nothing. Client-side there is nothing to destroy (409).
  router.post('/logout/everywhere', async (req, res) => {
    const username = usernameOf(req.session);
    if (username === null) throw new HttpError(409, 'Log in first: this ends every session of the user you are logged in as.');
    const ended = await engine.endSessionsOf(username);
    req.session = null;
    answer(res, 'POST /api/logout/everywhere', { state: sessionState(null), ended });
  });

  // What the server received and whether it trusts it: the lab's view in a
  // plain browser, where the desktop's cookie jar is not available.
  router.get('/session/cookie', (req, res) => {
    answer(res, 'GET /api/session/cookie', inspectCookieHeader(req.headers.cookie, cookieName, keys));
  });

  return router;
}

// Lab II's session endpoints: grow the session towards the ~4 KB cookie limit,
// store a field that looks sensitive, and take both out again. Each answers with
// what the server now believes the session holds, so the lab can compare that
// with what the browser really kept.
import { Router, type Request, type Response } from 'express';
import { HttpError } from '../http/http-error';
import { answer } from '../http/json-answer';
import { isPrintable } from '../printable-text';
import type { LabSessionReport, Route } from '../../contract';
import type { SessionEngine } from '../session/session-engine';
import { sessionState } from '../session/session-state';

/**
 * One "stuff" adds at most this much padding: a few steps reach the limit. The
 * session cannot grow without end: a cookie over 4 KB that comes back is
 * dropped on arrival (oversized-cookie.ts), so padding stays under 4 KB + this.
 */
export const MAX_STUFF_BYTES = 2048;
/** A stashed field's value, in characters. */
export const MAX_STASH_VALUE_LENGTH = 256;
export const MAX_STASHED_FIELDS = 8;
/** The fields the app itself reads or stamps: the lab may not overwrite them. */
export const RESERVED_FIELDS: readonly string[] = ['username', 'visits', 'issuedAt', 'lastSeen', 'padding'];
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

type Body = Record<string, unknown>;

function jsonBody(req: Request, example: string): Body {
  if (!req.is('application/json')) throw new HttpError(415, `Send JSON, like ${example}.`);
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, `Send a JSON object, like ${example}.`);
  return body as Body;
}

function onlyFields(body: Body, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new HttpError(400, `Unknown field(s): ${unknown.join(', ')}.`);
}

export function labRoutes(engine: SessionEngine): Router {
  const router = Router();

  const report = (req: Request): LabSessionReport => {
    const padding = req.session?.padding;
    return {
      state: sessionState(req.session),
      paddingBytes: typeof padding === 'string' ? Buffer.byteLength(padding) : 0,
      cookieBytes: engine.cookieBytes(req),
      storedBytes: engine.storedBytes(req),
    };
  };
  type LabRoute = Extract<Route, `${string} /api/lab/${string}`>;
  const reply = (route: LabRoute, req: Request, res: Response) => answer(res, route, report(req));

  // What the server received: read only, so the cookie is not written again.
  router.get('/session', (req, res) => reply('GET /api/lab/session', req, res));

  router.post('/stuff', (req, res) => {
    const body = jsonBody(req, '{"bytes": 1000}');
    onlyFields(body, ['bytes']);
    const bytes = body.bytes;
    if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 1 || bytes > MAX_STUFF_BYTES) {
      throw new HttpError(400, `"bytes" must be a whole number from 1 to ${MAX_STUFF_BYTES}.`);
    }
    const session = req.session!;
    const padding = typeof session.padding === 'string' ? session.padding : '';
    session.padding = padding + 'x'.repeat(bytes);
    reply('POST /api/lab/stuff', req, res);
  });

  router.post('/unstuff', (req, res) => {
    if (req.session && 'padding' in req.session) delete req.session.padding;
    reply('POST /api/lab/unstuff', req, res);
  });

  // Stores a field by name: the sensitive-data experiment puts a password here.
  router.post('/stash', (req, res) => {
    const body = jsonBody(req, '{"name": "password", "value": "hunter2"}');
    onlyFields(body, ['name', 'value']);
    const { name, value } = body;
    if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
      throw new HttpError(400, '"name" must be 1 to 32 letters, digits or "_", starting with a letter.');
    }
    if (RESERVED_FIELDS.includes(name)) throw new HttpError(400, `"${name}" belongs to the app; choose another name.`);
    const session = req.session!;
    // The session is an object with its library's members (cookie-session's
    // isNew, isChanged, isPopulated; express-session's cookie, save, …) over
    // Object's (constructor, toString, …): a field of that name would throw
    // when set or be lost when saved.
    if (!Object.hasOwn(session, name) && name in session) {
      throw new HttpError(400, `"${name}" is a name the session object uses itself (its session library's or JavaScript's); choose another name.`);
    }
    if (typeof value !== 'string' || value === '' || value.length > MAX_STASH_VALUE_LENGTH || !isPrintable(value)) {
      throw new HttpError(400, `"value" must be 1 to ${MAX_STASH_VALUE_LENGTH} printable characters.`);
    }
    const stashed = Object.keys(session).filter((k) => !RESERVED_FIELDS.includes(k));
    if (!stashed.includes(name) && stashed.length >= MAX_STASHED_FIELDS) {
      throw new HttpError(409, `The session already holds ${MAX_STASHED_FIELDS} extra fields. Forget them first.`);
    }
    session[name] = value;
    reply('POST /api/lab/stash', req, res);
  });

  // Removes everything the lab put in (padding and stashed fields); the login and the count stay.
  router.post('/forget', (req, res) => {
    const session = req.session;
    if (session) {
      for (const key of Object.keys(session)) {
        if (key === 'padding' || !RESERVED_FIELDS.includes(key)) delete session[key];
      }
    }
    reply('POST /api/lab/forget', req, res);
  });

  return router;
}

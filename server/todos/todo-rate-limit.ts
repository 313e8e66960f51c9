// A per-client limit on the rate of to-do writes, by express-rate-limit.
//
// Usernames cost nothing, so a per-user cap alone does not stop one program
// from filling the database; the total cap (MAX_ITEMS_IN_ALL) bounds its size,
// and this bounds how fast anyone gets there. The client is its address: on the
// loopback that is every program on this computer together, which is the point.
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { TODO_WRITES_PER_MINUTE } from '../../contract';
import { HttpError } from '../http/http-error';
import { ConfigError } from '../secrets/secrets';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses a client's writes (POST, PATCH, DELETE) past `perMinute` in a sliding minute with a 429, a sentence and Retry-After. */
export function todoWriteLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    // RateLimit and RateLimit-Policy headers (IETF draft 8), and Retry-After on a 429.
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => SAFE_METHODS.has(req.method),
    handler: (_req, _res, next) => {
      next(new HttpError(429, `Too many to-do changes: at most ${perMinute} a minute from one client. Wait a moment and try again.`));
    },
  });
}

/**
 * SESSION_LAB_TODO_WRITES_PER_MINUTE: the limit for `npm run serve` (default
 * TODO_WRITES_PER_MINUTE; 0 turns it off, for a load test). Anything else is
 * refused at start.
 */
export function todoWritesFromEnv(env: NodeJS.ProcessEnv): number | null {
  const raw = env.SESSION_LAB_TODO_WRITES_PER_MINUTE?.trim();
  if (!raw) return TODO_WRITES_PER_MINUTE;
  if (!/^\d{1,9}$/.test(raw))
    throw new ConfigError(`SESSION_LAB_TODO_WRITES_PER_MINUTE must be a whole number of writes a minute (0 for no limit), not ${JSON.stringify(raw)}.`);
  return Number(raw) === 0 ? null : Number(raw);
}

// Server-side expiry for client-side sessions: timestamps inside the signed payload.
//
// A cookie-session cookie stays valid as long as its signature does: a copy
// replayed after logout still works. The only defence the server has without
// storage is to sign *when* the session began and was last used, and refuse
// it once either is too old. The signature keeps the timestamps honest.
import type { Request, RequestHandler } from 'express';
import onHeaders from 'on-headers';
import { EXPIRED_HEADER, type ExpiryOptions } from '../../contract';
import { ConfigError } from '../secrets/secrets';

export type ExpiryVerdict = 'fresh' | 'idle' | 'absolute' | 'unstamped' | 'future';

/**
 * Clocks disagree by a little; a stamp further ahead than this was not made by
 * this server's clock. (The signature says the key holder wrote it, and a key
 * holder who can write the future could live forever under an absolute limit.)
 */
export const MAX_CLOCK_SKEW_MS = 60_000;

/** Seconds since the epoch, as stored in the payload (`issuedAt`, `lastSeen`). */
type Clock = () => number;

export function expiryVerdict(session: Record<string, unknown>, options: ExpiryOptions, nowMs: number): ExpiryVerdict {
  const { issuedAt, lastSeen } = session;
  if (typeof issuedAt !== 'number' || typeof lastSeen !== 'number') return 'unstamped';
  if (!Number.isFinite(issuedAt) || !Number.isFinite(lastSeen)) return 'unstamped';
  if (issuedAt * 1000 > nowMs + MAX_CLOCK_SKEW_MS || lastSeen * 1000 > nowMs + MAX_CLOCK_SKEW_MS) return 'future';
  if (options.absoluteMs !== null && nowMs - issuedAt * 1000 >= options.absoluteMs) return 'absolute';
  if (options.idleMs !== null && nowMs - lastSeen * 1000 >= options.idleMs) return 'idle';
  return 'fresh';
}

export function validateExpiryOptions(options: ExpiryOptions): ExpiryOptions {
  for (const [name, value] of Object.entries(options)) {
    if (value !== null && (!Number.isFinite(value) || value <= 0)) {
      throw new TypeError(`expiry.${name} must be a positive number of milliseconds or null, not ${String(value)}.`);
    }
  }
  return options;
}

/**
 * Runs after cookie-session. A populated session without timestamps, or with
 * expired ones, is replaced by an empty one (the visitor is logged out, the
 * visit count starts over). On the way out, a populated session is stamped:
 * `lastSeen` now, and `issuedAt` now when it is new or its user changed (a
 * login starts a new absolute lifetime).
 */
export function sessionExpiry(options: ExpiryOptions, now: Clock = Date.now): RequestHandler {
  validateExpiryOptions(options);
  return (req, res, next) => {
    const session = req.session;
    let userAtStart: unknown;
    if (session && Object.keys(session).length > 0) {
      const verdict = expiryVerdict(session, options, now());
      if (verdict === 'fresh') {
        userAtStart = session.username;
      } else {
        res.setHeader(EXPIRED_HEADER, verdict);
        req.session = {};
      }
    }
    // Registered after cookie-session's own hook, so it runs first and the
    // stamps are in the payload cookie-session then signs.
    onHeaders(res, () => stamp(req, userAtStart, now()));
    next();
  };
}

function stamp(req: Request, userAtStart: unknown, nowMs: number): void {
  const session = req.session;
  if (!session) return;
  const keys = Object.keys(session).filter((k) => k !== 'issuedAt' && k !== 'lastSeen');
  if (keys.length === 0) return;
  const seconds = Math.floor(nowMs / 1000);
  if (typeof session.issuedAt !== 'number' || session.username !== userAtStart) session.issuedAt = seconds;
  session.lastSeen = seconds;
}

/** Reads SESSION_IDLE_TIMEOUT / SESSION_ABSOLUTE_TIMEOUT (seconds); null when neither is set. */
export function expiryFromEnv(env: NodeJS.ProcessEnv): ExpiryOptions | null {
  const idle = seconds(env, 'SESSION_IDLE_TIMEOUT');
  const absolute = seconds(env, 'SESSION_ABSOLUTE_TIMEOUT');
  return idle === null && absolute === null ? null : { idleMs: idle, absoluteMs: absolute };
}

function seconds(env: NodeJS.ProcessEnv, name: string): number | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^\d+$/.test(raw) || Number(raw) === 0) {
    throw new ConfigError(`${name} must be a whole number of seconds greater than 0, not ${JSON.stringify(raw)}.`);
  }
  return Number(raw) * 1000;
}

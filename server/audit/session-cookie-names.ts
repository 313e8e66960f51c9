// Which cookies look like a framework's session cookie, by name or by the
// format the auditor read the value as, and whose framework that is.
import type { FormatId } from './formats/format';
import type { SessionFramework } from '../../contract';

/**
 * The formats the auditor engine reads a session cookie as (its own FormatId):
 * every one of them is a signed (or encrypted) session or token.
 */
export type SessionFormat = FormatId;

const FORMAT_FRAMEWORK: Readonly<Record<SessionFormat, SessionFramework | null>> = {
  'cookie-session': 'cookie-session',
  flask: 'flask',
  // Generic itsdangerous and JWT are libraries, not one framework's session: no setting to name.
  itsdangerous: null,
  'express-session': 'express-session',
  django: 'django',
  jwt: null,
  rails: 'rails',
  laravel: 'laravel',
};

// The frameworks' default session cookie names. "session" is both Flask's and
// cookie-session's default, so the name alone names no framework.
const EXACT_NAMES: ReadonlyMap<string, SessionFramework | null> = new Map<string, SessionFramework | null>([
  ['session', null],
  ['sessionid', 'django'],
  ['connect.sid', 'express-session'],
  ['phpsessid', 'php'],
  ['jsessionid', 'java'],
  ['laravel_session', 'laravel'],
  ['asp.net_sessionid', 'aspnet'],
  ['lab_session', 'cookie-session'],
  ['sid', null],
  ['_session_id', 'rails'],
  ['rack.session', null],
]);

/** A cookie-session signature cookie: `<name>.sig` beside `<name>`. */
export const SIGNATURE_SUFFIX = '.sig';

/** The name without a `__Host-` or `__Secure-` prefix (browsers match those case-insensitively). */
export function unprefixed(name: string): string {
  return name.replace(/^__(host|secure)-/i, '');
}

/** Whose default session cookie name this is: a framework, null for a shared default, undefined for no session name. */
function frameworkByName(name: string): SessionFramework | null | undefined {
  const bare = unprefixed(name).toLowerCase();
  const exact = EXACT_NAMES.get(bare);
  if (exact !== undefined || EXACT_NAMES.has(bare)) return exact;
  // Rails names it after the app: _<app>_session. Laravel slugs APP_NAME into
  // <app>_session, but so do many apps of their own: a session, whose framework is unknown.
  if (/^_[a-z0-9-]+(?:_[a-z0-9-]+)*_session$/.test(bare)) return 'rails';
  if (/^[a-z0-9]+(?:[_-][a-z0-9]+)*[_-]session$/.test(bare)) return null;
  return undefined;
}

export interface SessionLikeness {
  sessionLike: boolean;
  framework: SessionFramework | null;
}

/**
 * Whether a cookie looks like a session: a value the auditor read as a signed
 * session (its format names the framework), a framework's session cookie name,
 * or the `.sig` half of a session pair.
 */
export function sessionLikeness(name: string, format: SessionFormat | null): SessionLikeness {
  if (format !== null) return { sessionLike: true, framework: FORMAT_FRAMEWORK[format] };
  const byName = frameworkByName(name);
  if (byName !== undefined) return { sessionLike: true, framework: byName };
  if (name.endsWith(SIGNATURE_SUFFIX)) {
    // cookie-session's signature of a session cookie: half of what a thief needs.
    const partner = frameworkByName(name.slice(0, -SIGNATURE_SUFFIX.length));
    if (partner !== undefined) return { sessionLike: true, framework: 'cookie-session' };
  }
  return { sessionLike: false, framework: null };
}

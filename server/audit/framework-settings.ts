// Each framework's own setting for the session cookie's attributes, its name,
// its lifetime, where it keeps the data and its signing key: the "what to change"
// of a finding, in the words of the framework's configuration.
import type { SessionFramework } from '../../contract';

export interface FrameworkSettings {
  secure: string;
  httpOnly: string;
  sameSite: string;
  /** How to leave the Domain attribute off (a host-only cookie). */
  hostOnly: string;
  /** How to shorten the lifetime, or make it a browser-session cookie. */
  lifetime: string;
  /** How to rename the cookie; `{name}` stands for the prefixed name. null: the framework limits the name. */
  rename: string | null;
  /** Where the data can live instead of the cookie. */
  serverSide: string;
  /** The signing key's setting. */
  key: string;
}

export const FRAMEWORK_SETTINGS: Readonly<Record<SessionFramework, FrameworkSettings>> = {
  flask: {
    secure: 'set SESSION_COOKIE_SECURE = True',
    httpOnly: 'set SESSION_COOKIE_HTTPONLY = True (its default: something turned it off)',
    sameSite: "set SESSION_COOKIE_SAMESITE = 'Lax'",
    hostOnly: 'leave SESSION_COOKIE_DOMAIN unset',
    lifetime: 'lower PERMANENT_SESSION_LIFETIME (31 days by default), or leave session.permanent False for a browser-session cookie',
    rename: "set SESSION_COOKIE_NAME = '{name}'",
    serverSide: 'keep the data on the server (a server-side session interface such as Flask-Session) and only an id in the cookie',
    key: "set SECRET_KEY from the environment to a long random value (python -c 'import secrets; print(secrets.token_hex())')",
  },
  django: {
    secure: 'set SESSION_COOKIE_SECURE = True in settings.py',
    httpOnly: 'set SESSION_COOKIE_HTTPONLY = True in settings.py (its default)',
    sameSite: "set SESSION_COOKIE_SAMESITE = 'Lax' in settings.py (its default)",
    hostOnly: 'set SESSION_COOKIE_DOMAIN = None in settings.py (its default)',
    lifetime: 'lower SESSION_COOKIE_AGE (seconds; two weeks by default), or set SESSION_EXPIRE_AT_BROWSER_CLOSE = True',
    rename: "set SESSION_COOKIE_NAME = '{name}' in settings.py",
    serverSide: "use a server-side SESSION_ENGINE (the default 'django.contrib.sessions.backends.db') instead of signed_cookies",
    key: 'set SECRET_KEY from the environment to a new random value (django.core.management.utils.get_random_secret_key())',
  },
  'express-session': {
    secure: "set cookie: { secure: true } in the session options (behind a proxy, also app.set('trust proxy', 1))",
    httpOnly: 'set cookie: { httpOnly: true } in the session options (its default)',
    sameSite: "set cookie: { sameSite: 'lax' } in the session options",
    hostOnly: 'leave cookie.domain unset in the session options',
    lifetime: 'lower cookie.maxAge (milliseconds), or leave it unset for a browser-session cookie',
    rename: "set name: '{name}' in the session options",
    serverSide: 'the data is already on the server: only the id is in the cookie',
    key: 'set the secret option from the environment to a long random value',
  },
  'cookie-session': {
    secure: 'pass secure: true to cookieSession()',
    httpOnly: 'pass httpOnly: true to cookieSession() (its default)',
    sameSite: "pass sameSite: 'lax' to cookieSession()",
    hostOnly: 'leave the domain option of cookieSession() unset',
    lifetime: 'lower the maxAge option of cookieSession() (milliseconds), or leave it unset for a browser-session cookie',
    rename: "pass name: '{name}' to cookieSession()",
    serverSide: 'keep the data on the server (express-session with a store) and only an id in the cookie',
    key: 'load the keys option from the environment: long random values, never committed',
  },
  rails: {
    secure: 'add secure: true to config.session_store (config.force_ssl = true also marks cookies Secure)',
    httpOnly: 'add httponly: true to config.session_store (its default)',
    sameSite: 'add same_site: :lax to config.session_store (or set config.action_dispatch.cookies_same_site_protection = :lax)',
    hostOnly: 'drop the domain: option (such as domain: :all) from config.session_store',
    lifetime: 'add a shorter expire_after: to config.session_store, or leave it off for a browser-session cookie',
    rename: "set key: '{name}' in config.session_store",
    serverSide: 'switch config.session_store to a server-side store (:cache_store, or :active_record_store from activerecord-session_store)',
    key: 'rotate secret_key_base (bin/rails secret) and keep it in the encrypted credentials or the environment',
  },
  laravel: {
    secure: "set 'secure' => true in config/session.php (SESSION_SECURE_COOKIE=true in .env)",
    httpOnly: "set 'http_only' => true in config/session.php (its default)",
    sameSite: "set 'same_site' => 'lax' in config/session.php",
    hostOnly: "set 'domain' => null in config/session.php (SESSION_DOMAIN unset)",
    lifetime: "lower 'lifetime' (minutes) in config/session.php, or set 'expire_on_close' => true",
    rename: "set 'cookie' => '{name}' in config/session.php (SESSION_COOKIE in .env)",
    serverSide: 'use a server-side SESSION_DRIVER (file, database or redis) instead of cookie',
    key: 'generate a new APP_KEY (php artisan key:generate) and keep it in the environment',
  },
  php: {
    secure: 'set session.cookie_secure = 1 in php.ini (or secure => true in session_set_cookie_params())',
    httpOnly: 'set session.cookie_httponly = 1 in php.ini (or httponly => true in session_set_cookie_params())',
    sameSite: 'set session.cookie_samesite = "Lax" in php.ini (or samesite => "Lax" in session_set_cookie_params())',
    hostOnly: 'leave session.cookie_domain empty in php.ini',
    lifetime: 'set session.cookie_lifetime = 0 in php.ini for a browser-session cookie',
    // PHP's manual says a session name should hold only letters and digits: no room for a prefix.
    rename: null,
    serverSide: 'the data is already on the server: only the id is in the cookie',
    key: 'the id is random and unsigned: no key to change',
  },
  java: {
    secure: 'set <secure>true</secure> in web.xml’s <session-config><cookie-config> (Spring Boot: server.servlet.session.cookie.secure=true)',
    httpOnly: 'set <http-only>true</http-only> in web.xml’s <session-config><cookie-config> (Spring Boot: server.servlet.session.cookie.http-only=true)',
    sameSite: 'Spring Boot: set server.servlet.session.cookie.same-site=lax (elsewhere, the container’s cookie settings)',
    hostOnly: 'leave <domain> out of web.xml’s <cookie-config> (Spring Boot: server.servlet.session.cookie.domain unset)',
    lifetime: 'leave <max-age> out of web.xml’s <cookie-config> (Spring Boot: server.servlet.session.cookie.max-age unset)',
    rename: 'set <name>{name}</name> in web.xml’s <cookie-config> (Spring Boot: server.servlet.session.cookie.name={name})',
    serverSide: 'the data is already on the server: only the id is in the cookie',
    key: 'the id is random and unsigned: no key to change',
  },
  aspnet: {
    secure: 'set requireSSL="true" on <httpCookies> in web.config (ASP.NET Core: CookieSecurePolicy.Always)',
    httpOnly: 'set httpOnlyCookies="true" on <httpCookies> in web.config (ASP.NET Core: Cookie.HttpOnly = true)',
    sameSite: 'set cookieSameSite="Lax" on <sessionState> in web.config (ASP.NET Core: Cookie.SameSite = SameSiteMode.Lax)',
    hostOnly: 'leave domain off <httpCookies> in web.config (ASP.NET Core: leave Cookie.Domain unset)',
    lifetime: 'leave the cookie without an expiry (ASP.NET Core: leave Cookie.MaxAge unset)',
    rename: 'set cookieName="{name}" on <sessionState> in web.config (ASP.NET Core: Cookie.Name)',
    serverSide: 'the data is already on the server: only the id is in the cookie',
    key: 'the id is random and unsigned: no key to change',
  },
};

/** What to do when the framework is unknown: the attribute itself. */
export const GENERIC_SETTINGS: FrameworkSettings = {
  secure: 'add the Secure attribute where the app sets this cookie',
  httpOnly: 'add the HttpOnly attribute where the app sets this cookie',
  sameSite: 'add SameSite=Lax (or Strict) where the app sets this cookie',
  hostOnly: 'leave the Domain attribute off where the app sets this cookie (it is then host-only)',
  lifetime: 'give it a shorter Max-Age, or none for a browser-session cookie',
  rename: 'rename the cookie to {name} where the app sets it',
  serverSide: 'keep the data on the server and only an id in the cookie',
  key: 'replace the signing key with a long random value from the environment, never committed',
};

export function settingsFor(framework: SessionFramework | null): FrameworkSettings {
  return framework === null ? GENERIC_SETTINGS : FRAMEWORK_SETTINGS[framework];
}

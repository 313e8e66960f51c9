// The server's public surface, for main/ and the tests.
export { createApp, type AppOptions } from './app';
export { startServer, ListenError, type RunningServer, type StartOptions } from './start';
export { loadKeys, ConfigError, type LoadedKeys } from './secrets';
export { resolveDataDir, APP_NAME } from './data-dir';
export { SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME, COOKIE_SIZE_LIMIT } from './session-cookie';
export type { CookieInspection } from './session-inspect';
export type { SessionState } from './session-state';

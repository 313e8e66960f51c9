// The server's public surface, for main/ and the tests.
export { createApp, NO_TODO_STORE, type AppOptions } from './app';
export { startServer, ListenError, type RunningServer, type StartOptions } from './start';
export { loadKeys, generateKey, ConfigError, type LoadedKeys } from './secrets';
export { resolveDataDir, APP_NAME } from './data-dir';
export { SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME, COOKIE_SIZE_LIMIT, DEFAULT_COOKIE_ATTRIBUTES, type CookieAttributes, type CookieSameSite } from './session-cookie';
export { EXPIRED_HEADER, type ExpiryOptions } from './session-expiry';
export { INSTANCE_HEADER } from './round-robin';
export type { LabSessionReport } from './lab-routes';
export type { CookieInspection } from './session-inspect';
export type { SessionState } from './session-state';
export { openTodoStore, MAX_ITEMS_PER_OWNER, type TodoStore, type TodoItem, type TodoChanges, type OpenTodoStoreOptions } from './todo-store';
export { TODO_DB_FILE_NAME } from './todo-db';
export { MAX_TITLE_LENGTH } from './todo-input';

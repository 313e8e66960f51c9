// The server's public surface: the only way into it from main/ (lint enforces this) and the tests' usual door.
export { createApp, NO_TODO_STORE, type AppOptions } from './app';
export { startServer, ListenError, type Reconfigurable, type RunningServer, type StartOptions } from './start';
export { loadKeys, generateKey, ConfigError, type LoadedKeys } from './secrets/secrets';
export { resolveDataDir, APP_NAME } from './data-dir';
export { DEFAULT_COOKIE_ATTRIBUTES } from './session/session-cookie';
export { decodeSessionValue, encodeSessionValue, signSessionValue, verifySessionSignature } from './session/session-codec';
export { crackInWorker, CrackError, type CrackInWorkerOptions } from './audit/crack-in-worker';
export type { CrackJob } from './audit/crack-job';
export { auditCookie, CookieAuditError, type CookieAuditInput, type DecodedCookie } from './audit/cookie-findings';
export type { SessionFormat } from './audit/session-cookie-names';
export { serialQueue, type SerialQueue } from './serial-queue';
export { openTodoStore, type TodoStore, type OpenTodoStoreOptions } from './todos/todo-store';
export { TODO_DB_FILE_NAME } from './todos/todo-db';
export { openSessionStore, parseStoreChoice } from './session-store/open-session-store';
export type { SessionStoreHandle, StoreChoice } from './session-store/session-store';
export { MAX_RECORD_BYTES, MAX_STORED_SESSIONS } from './session-store/session-store';
export { SESSIONS_DB_FILE_NAME } from './session-store/sqlite-session-store';
// The auditor's engine for main's Your app inspector and Decoder, loaded on its first use as Lab I's crack pool is: it is not part of a cold start.
import type * as AuditEngineModule from './audit/engine';
export type AuditEngine = typeof AuditEngineModule;
export const loadAuditEngine = (): Promise<AuditEngine> => import('./audit/engine.js');
export type { ExaminedCookie, VerifyVerdict } from './audit/session-auditor';
export type { InputCookie, SetCookieLine } from './audit/cookie-input';
export type { CandidateSource, CrackFound, CrackReport, CrackProgress as AuditCrackProgress } from './audit/crack/crack-pool';
export type { KeyForm } from './audit/crack/key-forms';
export type { AuditTarget, Decoded, PayloadView } from './audit/formats/format';

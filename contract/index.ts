// The contract every process imports: the bridge, the HTTP API, and the limits and names they share.
// Types and plain constants only, with no imports from outside this folder: main,
// the preload, the renderer and the server can all take it.
export * from './bridge';
export * from './cookie-audit';
export * from './decoder';
export * from './error-message';
export * from './http';
export * from './limits';
export * from './names';
export * from './session';
export * from './target';
export * from './todos';

// Loads sql.js (SQLite compiled to WebAssembly) once per process.
import fs from 'node:fs';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/**
 * The .wasm is read with fs and handed over as bytes rather than letting sql.js
 * find and fetch it: inside the packaged app it sits in app.asar, which only
 * Electron's patched fs can read. The same call works under Node and vitest.
 */
export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const bytes = new Uint8Array(fs.readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm')));
    return initSqlJs({ wasmBinary: bytes.buffer });
  })();
  // A failed load (a missing file) is retried next time rather than cached.
  loading.catch(() => (loading = undefined));
  return loading;
}

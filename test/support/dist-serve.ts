// `node dist/server/serve.js --port 0` child processes for one test file: dist/ rebuilt before the
// file's tests, and every server a test started killed after it.
import path from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { root, runCommand, startPackagedServer, type RunningPackagedServer } from './packaging-build';

const serveJs = path.join(root, 'dist', 'server', 'serve.js');

/**
 * Registers the hooks and returns `serve(dataDir, wrap?)`: a server on that data
 * dir, SESSION_SECRET unset, so the key file there signs and logins survive a
 * restart. `wrap` is a command prefix to run it through (startPackagedServer).
 */
export function distServe(): (dataDir: string, wrap?: string[]) => Promise<RunningPackagedServer> {
  const running: RunningPackagedServer[] = [];
  beforeAll(async () => {
    // npm test builds first; a lone `vitest run` of one file must not test a stale dist/.
    const built = await runCommand(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
    if (built.code !== 0) throw new Error(`scripts/build.mjs failed:\n${built.stderr}`);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.kill()));
  });
  return async (dataDir, wrap = []) => {
    // Bursts of writes are what these tests are about: the write limit has tests of its own.
    const server = await startPackagedServer(serveJs, { SESSION_LAB_DATA_DIR: dataDir, SESSION_LAB_TODO_WRITES_PER_MINUTE: '0' }, wrap);
    running.push(server);
    return server;
  };
}

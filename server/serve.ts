// `npm run serve`: the session server on its own, without Electron.
import path from 'node:path';
import { resolveDataDir } from './data-dir';
import { ConfigError, loadKeys } from './secrets/secrets';
import { ListenError, startServer } from './start';
import { expiryFromEnv } from './session/session-expiry';
import { todoWritesFromEnv } from './todos/todo-rate-limit';
import { parseServeArgs, SERVE_USAGE } from './serve-args';

async function main(): Promise<void> {
  const dataDir = resolveDataDir();
  const args = parseServeArgs(process.argv.slice(2), process.env, dataDir);
  if (args.help) {
    console.log(SERVE_USAGE);
    return;
  }
  const { keys, source, file } = loadKeys(process.env, dataDir);
  // The to-do database lives beside the key file; a problem with it is logged by startServer.
  const expiry = expiryFromEnv(process.env);
  if (expiry !== null && args.sessions === 'server') {
    throw new ConfigError(
      'SESSION_IDLE_TIMEOUT and SESSION_ABSOLUTE_TIMEOUT are for client-side sessions (timestamps signed into the cookie). A server-side session ends when its record expires, with the cookie: unset them, or use --sessions client.',
    );
  }
  const todoWritesPerMinute = todoWritesFromEnv(process.env);
  const server = await startServer({
    keys,
    port: args.port,
    labDir: path.join(__dirname, '..', 'renderer'),
    dataDir,
    expiry,
    todoWritesPerMinute,
    sessions: args.sessions,
    ...(args.store === null ? {} : { store: args.store }),
  });

  // Handlers go in before the "Listening" line: whoever reads it may signal at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => {
        console.error(`Stopped (${signal}).`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error(`Error while stopping: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  // Scripts and tests wait for exactly this first line.
  console.log(`Listening on ${server.url}`);
  console.error(
    source === 'environment' ? 'Signing with SESSION_SECRET.' : `Signing with the key in ${file ?? ''}${source === 'generated' ? ' (generated now)' : ''}.`,
  );
  console.error(
    server.store === null
      ? 'Sessions are client-side: in the signed cookie (lab_session).'
      : `Sessions are server-side: in the ${server.store.description}; the cookie (lab_sid) holds only their ID.`,
  );
  console.error(`Try ${server.url}/login, ${server.url}/counter, or the lab at ${server.url}/lab/. Ctrl-C stops.`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ListenError) {
    console.error(`Session Lab cannot start: ${err.message}`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  console.error(err);
  process.exit(1);
});

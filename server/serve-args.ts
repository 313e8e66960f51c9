// Parses `npm run serve` options: --port N (or --port=N), else PORT, else 5000.
import { parseArgs } from 'node:util';
import { errorMessage } from '../contract';
import { ConfigError } from './secrets/secrets';

export const DEFAULT_PORT = 5000;

export interface ServeArgs {
  port: number;
  help: boolean;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--port N]

Runs the Session Lab server alone (no desktop window) on http://127.0.0.1:N.
  --port N   port to listen on (default: PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --help     show this help

Environment:
  SESSION_SECRET            signing key (at least 32 characters); generated when unset
  SESSION_PREVIOUS_SECRETS  older keys that still verify, newest first, space-separated
  SESSION_LAB_DATA_DIR      where the generated key and the to-do database are stored
  SESSION_IDLE_TIMEOUT      seconds a session may sit unused before it is refused
  SESSION_ABSOLUTE_TIMEOUT  seconds after login a session is refused, however used
  SESSION_LAB_TODO_WRITES_PER_MINUTE
                            to-do writes one client may make a minute (default 120; 0: no limit)`;

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv): ServeArgs {
  let values: { port?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError(`${errorMessage(err)}\n\n${SERVE_USAGE}`);
  }
  const help = values.help === true;
  if (values.port !== undefined) return { port: parsePort(values.port, '--port'), help };
  // An empty PORT is as good as unset (shells export PORT= easily).
  const fromEnv = env.PORT?.trim();
  return { port: fromEnv ? parsePort(fromEnv, 'PORT') : DEFAULT_PORT, help };
}

function parsePort(raw: string, source: string): number {
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`${source} must be a port number from 0 to 65535, not ${JSON.stringify(raw)}.`);
  }
  return port;
}

// Where Session Lab keeps its files (the generated secret) when run without Electron.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Session Lab';

/**
 * Resolves the data directory: SESSION_LAB_DATA_DIR when set, else the same
 * folder Electron uses as `userData` for an app named "Session Lab", so that
 * `npm run serve` and the desktop app share one secret (and so one set of logins).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const explicit = env.SESSION_LAB_DATA_DIR?.trim();
  if (explicit) return path.resolve(explicit);
  return path.join(appDataRoot(env, platform, home), APP_NAME);
}

// Mirrors Electron's app.getPath('appData') so both entry points agree.
function appDataRoot(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  switch (platform) {
    case 'win32':
      return env.APPDATA || path.join(home, 'AppData', 'Roaming');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME || path.join(home, '.config');
  }
}

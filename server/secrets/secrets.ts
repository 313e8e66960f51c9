// Loads the session signing keys: from the environment, or a generated file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../../contract';
import { HOW_TO_GENERATE, secretWeakness } from './secret-strength';
import { isErrno } from '../errno';

export const SECRET_FILE_NAME = 'session-secret';
const GENERATED_KEY = /^[0-9a-f]{64}$/;

/** A configuration problem that must stop the server before it starts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadedKeys {
  /** Newest first: the first signs, every one verifies. */
  keys: string[];
  source: 'environment' | 'generated' | 'file';
  /** The secret file, when the keys came from one. */
  file?: string;
}

/**
 * SESSION_SECRET (newest key) and SESSION_PREVIOUS_SECRETS (older keys that still
 * verify, separated by white space, newest first) when set; otherwise the key
 * file in the data dir, created with 32 random bytes on first start.
 */
export function loadKeys(env: NodeJS.ProcessEnv, dataDir: string): LoadedKeys {
  const current = env.SESSION_SECRET;
  const previous = (env.SESSION_PREVIOUS_SECRETS ?? '').split(/\s+/).filter(Boolean);
  if (current !== undefined && current !== '') {
    const keys = [current, ...previous];
    keys.forEach((key, i) => {
      const why = secretWeakness(key);
      if (why) {
        const which = i === 0 ? 'SESSION_SECRET' : `SESSION_PREVIOUS_SECRETS (key ${i})`;
        throw new ConfigError(`${which} is refused: ${why}. ${HOW_TO_GENERATE}`);
      }
    });
    return { keys, source: 'environment' };
  }
  if (previous.length > 0) {
    throw new ConfigError('SESSION_PREVIOUS_SECRETS is set but SESSION_SECRET is not: set the new key in SESSION_SECRET.');
  }
  return loadOrCreateKeyFile(path.join(dataDir, SECRET_FILE_NAME));
}

/**
 * The key file holds one 64-hex-digit key per line, newest first. To rotate,
 * add a new first line (older lines keep verifying) and later drop the old ones.
 * Each key meets the same rule as SESSION_SECRET: 64 hex digits can still be
 * sixty-four zeros, or a pattern a person typed by hand.
 */
export function loadOrCreateKeyFile(file: string): LoadedKeys {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    // ENOTDIR: a parent is a file; creating explains that better than reading.
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return createKeyFile(file);
    throw new ConfigError(
      `Cannot read the session secret file ${file}: ${describe(err)}. Fix its permissions, or delete it to generate a new key (this logs everyone out).`,
    );
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const bad = lines.findIndex((l) => !GENERATED_KEY.test(l));
  if (lines.length === 0 || bad !== -1) {
    const what = lines.length === 0 ? 'it holds no key' : `line ${bad + 1} is not a 64-digit hex key`;
    throw new ConfigError(`The session secret file ${file} is corrupt: ${what}. Restore it, or delete it to generate a new key (this logs everyone out).`);
  }
  lines.forEach((key, i) => {
    const why = secretWeakness(key);
    if (why)
      throw new ConfigError(`The key on line ${i + 1} of the session secret file ${file} is refused: ${why}. Replace it with a random key. ${HOW_TO_GENERATE}`);
  });
  return { keys: lines, source: 'file', file };
}

/** A new signing key: 32 random bytes as 64 hex digits, the format of the key file. */
export function generateKey(): string {
  return crypto.randomBytes(32).toString('hex');
}

function createKeyFile(file: string): LoadedKeys {
  const key = generateKey();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // 'wx' never overwrites: a file that appeared meanwhile is read instead.
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return loadOrCreateKeyFile(file);
    throw new ConfigError(
      `Cannot create the session secret file ${file}: ${describe(err)}. Set SESSION_LAB_DATA_DIR to a writable folder, or set SESSION_SECRET.`,
    );
  }
  return { keys: [key], source: 'generated', file };
}

function describe(err: unknown): string {
  return errorMessage(err);
}

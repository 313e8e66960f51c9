// Strong random signing keys for tests, made fresh each run.
import crypto from 'node:crypto';

export function strongKey(): string {
  return crypto.randomBytes(32).toString('hex');
}

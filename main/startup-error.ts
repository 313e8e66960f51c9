// Words for the "cannot start" dialog: the reason a person can act on, not a stack.
import { errorMessage } from '../contract';
import { ConfigError, ListenError } from '../server';

export const STARTUP_ERROR_TITLE = 'Session Lab cannot start';

export function describeStartupError(err: unknown): string {
  // These two already say what went wrong and what to do about it.
  if (err instanceof ConfigError || err instanceof ListenError) return err.message;
  const detail = errorMessage(err);
  return `The embedded server did not start: ${detail}`;
}

import { describe, expect, it } from 'vitest';
import { ConfigError, ListenError } from '../../server';
import { describeStartupError } from '../../main/startup-error';

describe('the "cannot start" message', () => {
  it('a configuration problem is shown in its own words', () => {
    const err = new ConfigError('SESSION_SECRET is refused: it is too short. Generate one with: openssl rand -hex 32');
    expect(describeStartupError(err)).toBe(err.message);
  });

  it('a listen failure is shown in its own words', () => {
    const err = new ListenError('Port 80 on 127.0.0.1 is already in use.', 'EADDRINUSE');
    expect(describeStartupError(err)).toBe('Port 80 on 127.0.0.1 is already in use.');
  });

  it('anything else says the server did not start, with the detail', () => {
    expect(describeStartupError(new Error('boom'))).toBe('The embedded server did not start: boom');
    expect(describeStartupError('odd')).toBe('The embedded server did not start: odd');
  });
});

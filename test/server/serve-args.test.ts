// `npm run serve` option parsing.
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../server/serve-args';

describe('serve options', () => {
  it('defaults to port 5000', () => {
    expect(parseServeArgs([], {})).toEqual({ port: 5000, help: false });
  });
  it('takes --port N, --port=N and -p N, before PORT', () => {
    expect(parseServeArgs(['--port', '8080'], { PORT: '9000' }).port).toBe(8080);
    expect(parseServeArgs(['--port=8081'], {}).port).toBe(8081);
    expect(parseServeArgs(['-p', '8082'], {}).port).toBe(8082);
    expect(parseServeArgs([], { PORT: '9000' }).port).toBe(9000);
  });
  it.each(['abc', '-1', '65536', '80.5', ''])('refuses --port %j', (value) => {
    expect(() => parseServeArgs([`--port=${value}`], {})).toThrow(/--port must be a port number from 0 to 65535/);
  });
  it('refuses a bad PORT, naming it', () => {
    expect(() => parseServeArgs([], { PORT: 'http' })).toThrow('PORT must be a port number from 0 to 65535, not "http".');
  });
  it('refuses unknown options and shows the usage', () => {
    expect(() => parseServeArgs(['--bogus'], {})).toThrow(/Unknown option '--bogus'[\s\S]*Usage: npm run serve/);
  });
});

// Starts a real session server on 127.0.0.1:0 for one test and stops it after.
import { afterEach } from 'vitest';
import { startServer, type RunningServer, type StartOptions } from '../../server/index';
import { strongKey } from './test-keys';

const running: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export async function testServer(options: Partial<StartOptions> = {}): Promise<RunningServer> {
  const server = await startServer({ keys: [strongKey()], port: 0, ...options });
  running.push(server);
  return server;
}

// Server memory under sustained load: RSS and live memory after 10k, …, 100k requests,
// read by the server process itself after full GCs (no route is added to the product).
import { log } from './log';
import { runLoad, signedSession, startAppServer, type AppName, type MemoryReading } from './load';
import type { Options } from './options';

export interface MemoryFigures {
  checkpoints: number[];
  perApp: Record<
    AppName,
    { readings: (MemoryReading & { afterRequests: number })[]; rssGrowthBytes: number; rssGrowthFraction: number; liveGrowthBytes: number }
  >;
}

/** Live memory V8 accounts for: the JS heap plus Buffers and other external memory. */
export const live = (m: MemoryReading) => m.heapUsed + m.external;

export async function measureMemory(o: Options, key: string): Promise<MemoryFigures> {
  const cpus = o.pin ? { server: 0, load: 1 } : { server: null, load: null };
  const perApp = {} as MemoryFigures['perApp'];
  let cookie: string | undefined;
  for (const app of ['ours', 'bare'] as const) {
    const server = await startAppServer(app, key, cpus.server);
    try {
      // Ours signs the session (the bare app has no /login); both apps hold the same key, so it is valid for both.
      cookie ??= await signedSession(server.url);
      const readings: MemoryFigures['perApp'][AppName]['readings'] = [];
      let done = 0;
      log(`memory: ${app}, readings after ${o.memoryCheckpoints.map((n) => `${n / 1000}k`).join(', ')} requests`);
      for (const target of o.memoryCheckpoints) {
        await runLoad({ url: server.url, cookie, connections: o.connections, amount: target - done, cpu: cpus.load });
        done = target;
        readings.push({ ...(await server.memory()), afterRequests: done });
      }
      const [a, b] = [readings[0]!, readings[readings.length - 1]!];
      if (!a.gc) throw new Error('The server child has no gc(): it must run with --expose-gc.');
      perApp[app] = { readings, rssGrowthBytes: b.rss - a.rss, rssGrowthFraction: (b.rss - a.rss) / a.rss, liveGrowthBytes: live(b) - live(a) };
    } finally {
      await server.close();
    }
  }
  return { checkpoints: o.memoryCheckpoints, perApp };
}

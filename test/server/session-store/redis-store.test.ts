// Server-side sessions on a real Redis (Debian's redis-server on a free port):
// the tutorial flow, the records as Redis holds them, and what the server does
// while Redis is killed, restarted or hung in the middle of requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import type { RunningServer } from '../../../server/index';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { redisMissing, startRedis, type TestRedis } from '../../support/redis-server';
import { strongKey } from '../../support/test-keys';
import { testServer } from '../../support/test-server';
import { runFlow } from '../../support/tutorial-flow';

if (redisMissing) console.warn(`Skipping the Redis suite: ${redisMissing}`);

const UNREACHABLE =
  /^Session Lab (cannot read your session|could not save your session, so this request was not completed): the session store \(Redis at redis:\/\/127\.0\.0\.1:\d+\/0\) is not answering\. Try again in a moment\.$/;

describe.skipIf(redisMissing !== null)('server-side sessions on Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  // One key for every server here: servers sharing a store share their keys too.
  const key = strongKey();
  const serve = () => testServer({ keys: [key], sessions: 'server', store: { kind: 'redis', url: redis.url } });
  async function redisValue(key: string): Promise<{ json: string | null; ttlMs: number }> {
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      return { json: await client.get(key), ttlMs: await client.pTTL(key) };
    } finally {
      client.destroy();
    }
  }
  const sidOf = (c: BrowserClient) => c.cookie('lab_sid').then((v) => /^s:([\w-]+)\./.exec(decodeURIComponent(v ?? ''))?.[1]);

  it('the nine-step flow passes, and Redis holds the record under lab-sess:<id> with the cookie’s lifetime', async () => {
    const c = new BrowserClient((await serve()).url);
    await runFlow(c);
    const { json, ttlMs } = await redisValue(`lab-sess:${(await sidOf(c))!}`);
    expect(JSON.parse(json!)).toMatchObject({ visits: 3, cookie: { httpOnly: true, path: '/', sameSite: 'lax' } });
    expect(ttlMs).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
  });

  it('two servers on one Redis share the session: log in on one, count on the other', async () => {
    const [one, two] = [await serve(), await serve()];
    const c = new BrowserClient(one.url);
    await c.postForm('/login', { username: 'bob' });
    const onTwo = new BrowserClient(two.url);
    await onTwo.setCookie('lab_sid', (await c.cookie('lab_sid'))!);
    expect(paragraphs((await onTwo.get('/')).text)).toEqual(['Logged in as bob']);
    expect(paragraphs((await onTwo.get('/counter')).text)).toEqual(['Number of visits: 1']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 2']);
  });

  it('"log out everywhere" finds every record of the user in Redis', async () => {
    const server = await serve();
    const [a, b] = [new BrowserClient(server.url), new BrowserClient(server.url)];
    await a.postJson('/api/login', { username: 'everywhere' });
    await b.postJson('/api/login', { username: 'everywhere' });
    expect(JSON.parse((await a.postJson('/api/logout/everywhere')).text)).toMatchObject({ ended: 2 });
    expect(paragraphs((await b.get('/')).text)).toEqual(['You are not logged in']);
  });

  it('Redis killed and restarted during requests: 503 and a sentence meanwhile, the server stays up and reconnects, and no acknowledged write is lost', async () => {
    const server: RunningServer = await serve();
    const c = new BrowserClient(server.url);
    expect((await c.postJson('/api/login', { username: 'carol' })).status).toBe(200);
    const acknowledged: number[] = [];
    const refused: { status: number; error: string; after: number }[] = [];
    const other: string[] = [];
    let stop = false;
    // One person pressing "count" over and over; each count needs the one before it.
    const presser = (async () => {
      while (!stop) {
        try {
          const res = await c.postJson('/api/counter');
          const body = JSON.parse(res.text) as { visits?: number; username?: string; error?: string };
          if (res.status === 200 && body.username === 'carol') acknowledged.push(body.visits!);
          else if (res.status === 503) refused.push({ status: res.status, error: body.error ?? '', after: acknowledged.length });
          else other.push(`${res.status} ${res.text}`);
        } catch (err) {
          other.push(String(err));
        }
      }
    })();
    const until = async (what: () => boolean) => {
      const deadline = Date.now() + 15_000;
      while (!what()) {
        if (Date.now() > deadline)
          throw new Error(
            `Timed out: ${acknowledged.length} counts acknowledged (${acknowledged.slice(-5).join(', ')}…), ${refused.length} refused, others: ${other.slice(0, 3).join('; ')}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    try {
      await until(() => acknowledged.length >= 20);
      await redis.kill();
      await until(() => refused.length >= 5);
      // Down, but up: pages that need no session still answer.
      expect((await fetch(`${server.url}/login`)).status).toBe(200);
      expect(paragraphs(await (await fetch(`${server.url}/`)).text())).toEqual(['You are not logged in']);
      const before = acknowledged.length;
      await redis.start();
      await until(() => acknowledged.length >= before + 20);
    } finally {
      stop = true;
      await presser;
    }
    expect(other).toEqual([]);
    for (const r of refused) expect(r.error).toMatch(UNREACHABLE);
    // Every acknowledged count is one more than the last (two when an unacknowledged write had reached Redis before it died).
    for (let i = 1; i < acknowledged.length; i++) {
      const step = acknowledged[i]! - acknowledged[i - 1]!;
      const refusedBetween = refused.some((r) => r.after === i);
      expect(step === 1 || (step === 2 && refusedBetween), `count ${acknowledged[i - 1]} → ${acknowledged[i]}`).toBe(true);
    }
    // And the store holds the last one the person was told.
    const { json } = await redisValue(`lab-sess:${(await sidOf(c))!}`);
    expect(JSON.parse(json!)).toMatchObject({ username: 'carol', visits: acknowledged.at(-1) });
  });

  it('a hung Redis (SIGSTOP) costs each request at most a couple of seconds and a 503, then it carries on', async () => {
    const server = await serve();
    const c = new BrowserClient(server.url);
    expect((await c.postJson('/api/login', { username: 'dave' })).status).toBe(200);
    redis.pause();
    try {
      const started = Date.now();
      const res = await c.postJson('/api/counter');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text).error).toMatch(UNREACHABLE);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      redis.resume();
    }
    const deadline = Date.now() + 10_000;
    let last = 0;
    while (Date.now() < deadline && last !== 200) last = (await c.postJson('/api/counter')).status;
    expect(last).toBe(200);
    expect(JSON.parse((await c.get('/api/session')).text)).toMatchObject({ username: 'dave' });
  });

  it('a server started while Redis is down starts anyway, refuses what needs the store, and works once Redis is up', async () => {
    await redis.kill();
    try {
      const server = await serve();
      const c = new BrowserClient(server.url);
      expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
      const login = await c.postForm('/login', { username: 'erin' });
      expect(login.status).toBe(503);
      expect(paragraphs(login.text)[0]).toMatch(UNREACHABLE);
      expect(login.setCookies).toEqual([]);
      await redis.start();
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (Date.now() < deadline && status !== 302) status = (await c.postForm('/login', { username: 'erin' })).status;
      expect(status).toBe(302);
      expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as erin']);
    } finally {
      if (!redis.running) await redis.start();
    }
  });
});

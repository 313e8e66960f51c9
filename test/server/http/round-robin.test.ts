// Two instances behind instance A's round-robin balancer, over real HTTP.
import { describe, expect, it } from 'vitest';
import { INSTANCE_HEADER } from '../../../contract';
import { isBalanced, roundRobin } from '../../../server/http/round-robin';
import type { RunningServer } from '../../../server/index';
import { BrowserClient } from '../../support/browser-client';
import { strongKey } from '../../support/test-keys';
import { testServer } from '../../support/test-server';

/** Instance B, then A balancing to it. */
async function pair(options: { sameKeys: boolean }): Promise<{ a: RunningServer; b: RunningServer }> {
  const key = strongKey();
  const b = await testServer({ keys: [options.sameKeys ? key : strongKey()], instance: 'B' });
  const a = await testServer({ keys: [key], instance: 'A', balanceTo: b.url });
  return { a, b };
}

async function visit(c: BrowserClient, path: string, method: 'GET' | 'POST' = 'POST', body?: unknown) {
  const res = method === 'GET' ? await c.get(path) : await c.postJson(path, body, { origin: c.baseUrl, 'sec-fetch-site': 'same-origin' });
  const state = JSON.parse(res.text) as { message: string; visits: number; error?: string };
  return { status: res.status, instance: res.headers.get(INSTANCE_HEADER), state };
}

describe('round-robin between two instances', () => {
  it('with the same keys, requests alternate A, B, A, B and the count carries on across them', async () => {
    const { a } = await pair({ sameKeys: true });
    const c = new BrowserClient(a.url);
    const answers = [
      await visit(c, '/api/login', 'POST', { username: 'frank' }),
      await visit(c, '/api/counter'),
      await visit(c, '/api/counter'),
      await visit(c, '/api/counter'),
    ];
    // A POST with A's Origin passed B's cross-site guard: the balancer rewrote Host and Origin.
    expect(answers.map((x) => x.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((x) => x.instance)).toEqual(['A', 'B', 'A', 'B']);
    expect(answers.map((x) => [x.state.message, x.state.visits])).toEqual([
      ['Logged in as frank', 0],
      ['Logged in as frank', 1],
      ['Logged in as frank', 2],
      ['Logged in as frank', 3],
    ]);
  });

  it('with different keys, each instance refuses the other’s cookie: no login survives a hop', async () => {
    const { a } = await pair({ sameKeys: false });
    const c = new BrowserClient(a.url);
    await visit(c, '/api/login', 'POST', { username: 'frank' });
    const onB = await visit(c, '/api/counter');
    expect(onB).toMatchObject({ instance: 'B', state: { message: 'You are not logged in', visits: 1 } });
    const onA = await visit(c, '/api/counter');
    expect(onA).toMatchObject({ instance: 'A', state: { message: 'You are not logged in', visits: 1 } });
  });

  it('only the session API is balanced: the page, the to-dos and unknown paths stay on A', async () => {
    const { a } = await pair({ sameKeys: true });
    const c = new BrowserClient(a.url);
    for (const path of ['/api/todos', '/login', '/nowhere', '/api/todos', '/']) {
      const res = await c.get(path);
      expect(res.headers.get(INSTANCE_HEADER)).toBe('A');
    }
    expect(['/api/session', '/api/session/cookie', '/api/login', '/api/lab/stuff'].every(isBalanced)).toBe(true);
    expect(['/api/todos', '/api/sessionx', '/lab/', '/counter'].some(isBalanced)).toBe(false);
  });

  it('a cross-site request is refused by A before anything is forwarded', async () => {
    const { a } = await pair({ sameKeys: true });
    const c = new BrowserClient(a.url);
    await visit(c, '/api/session', 'GET');
    const res = await c.postJson('/api/counter', undefined, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get(INSTANCE_HEADER)).toBe('A');
  });

  it('when B is gone, its turn is a 502 with a sentence, and A still answers its own turns', async () => {
    const { a, b } = await pair({ sameKeys: true });
    await b.close();
    const c = new BrowserClient(a.url);
    expect((await visit(c, '/api/session', 'GET')).status).toBe(200);
    const down = await visit(c, '/api/session', 'GET');
    expect(down.status).toBe(502);
    expect(down.state.error).toMatch(/^Instance B \(127\.0\.0\.1:\d+\) did not answer: /);
    expect((await visit(c, '/api/session', 'GET')).status).toBe(200);
  });

  it('refuses a peer that is not a loopback http URL', () => {
    expect(() => roundRobin({ peerUrl: 'http://example.com:80' })).toThrow('roundRobin: peerUrl must be http://127.0.0.1:<port>');
    expect(() => roundRobin({ peerUrl: 'https://127.0.0.1:5000' })).toThrow(/must be http:\/\/127\.0\.0\.1/);
    expect(() => roundRobin({ peerUrl: 'http://127.0.0.1' })).toThrow(/must be http:\/\/127\.0\.0\.1/);
  });

  it('without balanceTo there is no instance header and no forwarding', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).get('/api/session');
    expect(res.headers.get(INSTANCE_HEADER)).toBeNull();
  });
});

// The contract's route map against the real server: every route it names is one the server answers.
import { describe, expect, it } from 'vitest';
import { HTTP_API, ROUTES, routeRequest, type Route } from '../../contract';
import { BrowserClient } from '../support/browser-client';
import { tempDir } from '../support/temp-dir';
import { testServer } from '../support/test-server';

describe('the HTTP route map', () => {
  it('lists each route once, as "METHOD /path"', () => {
    expect(new Set(ROUTES).size).toBe(ROUTES.length);
    for (const route of ROUTES) expect(route).toMatch(/^(GET|POST|PATCH|DELETE) \/api\/[a-z/:]+$/);
    expect(ROUTES).toEqual(Object.keys(HTTP_API));
  });

  it('fills in path parameters, URL-encoded, and refuses a route without them', () => {
    expect(routeRequest('PATCH /api/todos/:id', { id: 42 })).toEqual({ method: 'PATCH', path: '/api/todos/42' });
    expect(() => routeRequest('DELETE /api/todos/:id', {} as { id: number })).toThrow('DELETE /api/todos/:id needs the path parameter "id".');
  });

  it.each(ROUTES)('%s is served by the server (logged in, with a to-do database)', async (route: Route) => {
    const server = await testServer({ dataDir: tempDir() });
    const client = new BrowserClient(server.url);
    await client.postJson('/api/login', { username: 'ada' });
    const { method, path } = routeRequest(route, { id: 1 } as never);
    const res = await client.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
    });
    // Whatever the route makes of an empty body (a 400 for a missing field is fine), it is not the catch-all 404.
    expect(res.text).not.toContain(`Not found: ${method} ${path}`);
    expect(res.status).not.toBe(405);
    expect(res.status).toBeLessThan(500);
  });
});

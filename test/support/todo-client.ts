// A logged-in browser for the to-do API: the verbs the panel uses, over real HTTP with the session cookie.
import { BrowserClient, type Reply } from './browser-client';

export class TodoClient extends BrowserClient {
  static async loggedIn(baseUrl: string, username: string): Promise<TodoClient> {
    const client = new TodoClient(baseUrl);
    const login = await client.postJson('/api/login', { username });
    if (login.status !== 200) throw new Error(`login as ${username} failed: ${login.status} ${login.text}`);
    return client;
  }

  list(): Promise<Reply> {
    return this.get('/api/todos');
  }

  add(title: unknown): Promise<Reply> {
    return this.postJson('/api/todos', { title });
  }

  patch(id: number | string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(`/api/todos/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  delete(id: number | string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(`/api/todos/${id}`, { method: 'DELETE', headers });
  }
}

export const json = (reply: Reply): unknown => JSON.parse(reply.text);

// An HTTP client that keeps cookies like a browser does (tough-cookie's RFC 6265
// jar over fetch), so tests replay the session exactly as a person's browser would.
import { CookieJar } from 'tough-cookie';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  setCookies: string[];
}

export class BrowserClient {
  readonly jar = new CookieJar();
  constructor(readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Reply> {
    const url = new URL(path, this.baseUrl).toString();
    const cookie = await this.jar.getCookieString(url);
    const headers = new Headers(init.headers);
    if (cookie !== '' && !headers.has('cookie')) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const sc of setCookies) await this.jar.setCookie(sc, url);
    return { status: res.status, headers: res.headers, text: await res.text(), setCookies };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(path, { headers });
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  postJson(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** The value of one cookie in the jar, or undefined. */
  async cookie(name: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(this.baseUrl);
    return cookies.find((c) => c.key === name)?.value;
  }

  async setCookie(name: string, value: string): Promise<void> {
    await this.jar.setCookie(`${name}=${value}; Path=/; HttpOnly`, this.baseUrl);
  }
}

/** The text of every <p> on a page, tags stripped: what a person reads. */
export function paragraphs(html: string): string[] {
  return [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

/** Parses one Set-Cookie header into its name, value and lower-cased attributes. */
export function parseSetCookie(header: string): { name: string; value: string; attrs: Map<string, string> } {
  const [pair = '', ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attrs = new Map<string, string>();
  for (const part of rest) {
    const [k = '', ...v] = part.trim().split('=');
    attrs.set(k.toLowerCase(), v.join('='));
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs };
}

// The tutorial's routes answer with the tutorial's sentences, over real HTTP.
import { describe, expect, it } from 'vitest';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { testServer } from '../../support/test-server';

async function client(): Promise<BrowserClient> {
  const server = await testServer();
  return new BrowserClient(server.url);
}

describe('the tutorial routes', () => {
  it('GET / says "You are not logged in" to a new visitor and sets no cookie', async () => {
    const c = await client();
    const res = await c.get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(paragraphs(res.text)).toEqual(['You are not logged in']);
    expect(res.setCookies).toEqual([]);
  });

  it('pages are small valid HTML documents with a title and a link to the lab', async () => {
    const c = await client();
    const res = await c.get('/');
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(res.text).toMatch(/<title>Home · Session Lab<\/title>/);
    expect(res.text).toContain('<a href="/lab/">Open the lab</a>');
  });

  it('GET /login shows a form with a text input named username and a submit button', async () => {
    const c = await client();
    const res = await c.get('/login');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<form method="post" action="\/login">/);
    expect(res.text).toMatch(/<input type="text" id="username" name="username"/);
    expect(res.text).toMatch(/<input type="submit" value="Login">/);
    expect(res.text).toMatch(/<label for="username">Username<\/label>/);
  });

  it('POST /login stores the username and redirects to /, which then says "Logged in as alice"', async () => {
    const c = await client();
    const login = await c.postForm('/login', { username: 'alice' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/');
    expect(await c.cookie('lab_session')).toBeDefined();
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
  });

  it('GET /counter counts visits: "Number of visits: 1", then 2, then 3', async () => {
    const c = await client();
    for (const n of [1, 2, 3]) {
      const res = await c.get('/counter');
      expect(res.status).toBe(200);
      expect(paragraphs(res.text)).toEqual([`Number of visits: ${n}`]);
    }
  });

  it('GET /logout removes only the username: the visit count stays', async () => {
    const c = await client();
    await c.postForm('/login', { username: 'bob' });
    await c.get('/counter');
    await c.get('/counter');
    const logout = await c.get('/logout');
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('/');
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 3']);
  });

  it('GET /logout when not logged in still redirects home', async () => {
    const c = await client();
    const res = await c.get('/logout');
    expect(res.status).toBe(302);
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
  });

  it('the whole tutorial flow: visit, log in, count, log out, log in as someone else', async () => {
    const c = await client();
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
    await c.postForm('/login', { username: 'alice' });
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 1']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 2']);
    await c.get('/logout');
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
    await c.postForm('/login', { username: 'carol' });
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as carol']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 3']);
  });

  it('two browsers have two separate sessions', async () => {
    const server = await testServer();
    const a = new BrowserClient(server.url);
    const b = new BrowserClient(server.url);
    await a.postForm('/login', { username: 'alice' });
    await b.get('/counter');
    expect(paragraphs((await a.get('/')).text)).toEqual(['Logged in as alice']);
    expect(paragraphs((await b.get('/')).text)).toEqual(['You are not logged in']);
    expect(paragraphs((await a.get('/counter')).text)).toEqual(['Number of visits: 1']);
  });

  it('a username with HTML in it is shown as text, escaped', async () => {
    const c = await client();
    await c.postForm('/login', { username: '<script>alert("x")</script>&' });
    const res = await c.get('/');
    expect(res.text).not.toContain('<script>');
    expect(paragraphs(res.text)).toEqual(['Logged in as &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;']);
  });

  it('a username is trimmed before it is stored', async () => {
    const c = await client();
    await c.postForm('/login', { username: '  dana  ' });
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as dana']);
  });

  it.each([
    ['missing', {}, 'Username is required.'],
    ['empty', { username: '' }, 'Username is required.'],
    ['only spaces', { username: '   ' }, 'Username is required.'],
    ['too long', { username: 'x'.repeat(65) }, 'Username must be at most 64 characters.'],
    ['with a control character', { username: 'a\u0007b' }, 'Username may only contain printable characters.'],
    ['with a newline', { username: 'a\nb' }, 'Username may only contain printable characters.'],
    // "alice" + RIGHT-TO-LEFT OVERRIDE + "nimda" shows on screen as "aliceadmin".
    [
      'with a bidi override',
      { username: 'alice\u202Enimda' },
      'Username may not contain invisible or text-direction characters (it has U+202E): they can make one name look like another.',
    ],
    [
      'with a bidi isolate',
      { username: '\u2067admin\u2069' },
      'Username may not contain invisible or text-direction characters (it has U+2067): they can make one name look like another.',
    ],
    [
      'with a zero-width space',
      { username: 'ad\u200Bmin' },
      'Username may not contain invisible or text-direction characters (it has U+200B): they can make one name look like another.',
    ],
    [
      'with a zero-width joiner between letters',
      { username: 'ad\u200Dmin' },
      'Username may not contain invisible or text-direction characters (it has U+200D): they can make one name look like another.',
    ],
    [
      'with a byte order mark inside',
      { username: 'ad\uFEFFmin' },
      'Username may not contain invisible or text-direction characters (it has U+FEFF): they can make one name look like another.',
    ],
  ])('POST /login with a %s username answers 400 and says why', async (_what, fields, message) => {
    const c = await client();
    const res = await c.postForm('/login', fields as Record<string, string>);
    expect(res.status).toBe(400);
    expect(paragraphs(res.text)[0]).toBe(message);
    expect(res.text).toContain('name="username"');
    expect(res.setCookies).toEqual([]);
  });

  it('a 64-character username with accents and emoji is accepted', async () => {
    const c = await client();
    const name = 'Zoë 👩‍💻 '.padEnd(60, 'z');
    const res = await c.postForm('/login', { username: name });
    expect(res.status).toBe(302);
    expect(paragraphs((await c.get('/')).text)).toEqual([`Logged in as ${name.trim()}`]);
  });
});

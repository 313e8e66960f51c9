import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEntry } from '../../../contract';
import { watchTraffic } from '../../../main/jar/traffic';
import { WEB_SCOPE } from '../../../main/jar/wire-log';
import { MockWebRequest } from '../../support/electron-mock';

const origin = 'http://127.0.0.1:41234';
let webRequest: MockWebRequest;
let push: ReturnType<typeof vi.fn<(entry: WireEntry) => void>>;

beforeEach(() => {
  webRequest = new MockWebRequest();
  push = vi.fn<(entry: WireEntry) => void>();
});

describe('the traffic tap', () => {
  it('a request passes through with exactly the headers it had', () => {
    watchTraffic(webRequest, origin, push);
    const requestHeaders = { Cookie: 'lab_session=abc', Accept: 'application/json' };
    expect(webRequest.sendHeaders({ id: 1, url: `${origin}/api/session`, method: 'GET', requestHeaders })).toEqual({ requestHeaders });
  });

  it("a response keeps the server's headers (nothing replaced)", () => {
    watchTraffic(webRequest, origin, push);
    expect(webRequest.receiveHeaders({ id: 1, url: `${origin}/api/session`, statusCode: 200, responseHeaders: { 'Set-Cookie': ['a=1'] } })).toEqual({});
  });

  it('pushes the Cookie sent and the Set-Cookie received when the response headers arrive', () => {
    watchTraffic(webRequest, origin, push, () => 5);
    webRequest.sendHeaders({ id: 9, url: `${origin}/api/counter`, method: 'POST', requestHeaders: { Cookie: 'lab_session=old' } });
    expect(push).not.toHaveBeenCalled();
    webRequest.receiveHeaders({
      id: 9,
      url: `${origin}/api/counter`,
      statusCode: 200,
      responseHeaders: { 'set-cookie': ['lab_session=new; path=/; httponly'] },
    });
    expect(push).toHaveBeenCalledWith({
      id: '9.1',
      time: 5,
      method: 'POST',
      path: '/api/counter',
      status: 200,
      cookieSent: 'lab_session=old',
      setCookies: ['lab_session=new; path=/; httponly'],
      labHeaders: [],
    });
  });

  it('a failed request is pushed without a status', () => {
    watchTraffic(webRequest, origin, push);
    webRequest.sendHeaders({ id: 3, url: `${origin}/api/login`, method: 'POST', requestHeaders: {} });
    webRequest.fail({ id: 3, url: `${origin}/api/login` });
    expect(push).toHaveBeenCalledWith(expect.objectContaining({ status: null, path: '/api/login' }));
  });

  it('only listens to the loopback host, and ignores other ports on it', () => {
    watchTraffic(webRequest, origin, push);
    expect(webRequest.filters.beforeSendHeaders).toEqual({ urls: ['http://127.0.0.1/*'] });
    webRequest.sendHeaders({ id: 4, url: 'http://127.0.0.1:5000/', method: 'GET', requestHeaders: { Cookie: 'x=1' } });
    webRequest.receiveHeaders({ id: 4, url: 'http://127.0.0.1:5000/', statusCode: 200 });
    expect(push).not.toHaveBeenCalled();
  });

  it('a failing push neither holds the response back nor throws into Electron', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    watchTraffic(webRequest, origin, () => {
      throw new Error('window gone');
    });
    webRequest.sendHeaders({ id: 6, url: `${origin}/`, method: 'GET', requestHeaders: {} });
    expect(webRequest.receiveHeaders({ id: 6, url: `${origin}/`, statusCode: 200 })).toEqual({});
    expect(log).toHaveBeenCalledWith(expect.stringContaining('could not report'), expect.any(Error));
    log.mockRestore();
  });

  it('stopping removes every listener', () => {
    const stop = watchTraffic(webRequest, origin, push);
    expect(webRequest.listening).toBe(true);
    stop();
    expect(webRequest.listening).toBe(false);
  });
});

describe("the Your app view's traffic tap", () => {
  it('watches every http and https URL and names each request by its whole URL', () => {
    watchTraffic(webRequest, WEB_SCOPE, push, () => 5);
    expect(webRequest.filters.beforeSendHeaders).toEqual({ urls: ['http://*/*', 'https://*/*'] });
    webRequest.sendHeaders({ id: 1, url: 'http://127.0.0.1:5000/login', method: 'POST', requestHeaders: { Cookie: 'session=old' } });
    webRequest.receiveHeaders({
      id: 1,
      url: 'http://127.0.0.1:5000/login',
      statusCode: 302,
      responseHeaders: { 'Set-Cookie': ['session=new; HttpOnly; Path=/'] },
    });
    webRequest.sendHeaders({ id: 2, url: 'https://cdn.example/app.js?v=2', method: 'GET', requestHeaders: {} });
    webRequest.receiveHeaders({ id: 2, url: 'https://cdn.example/app.js?v=2', statusCode: 200, responseHeaders: {} });
    expect(push.mock.calls.map(([e]) => [e.method, e.path, e.status, e.cookieSent, e.setCookies])).toEqual([
      ['POST', 'http://127.0.0.1:5000/login', 302, 'session=old', ['session=new; HttpOnly; Path=/']],
      ['GET', 'https://cdn.example/app.js?v=2', 200, null, []],
    ]);
  });

  it('leaves out what is not http(s)', () => {
    watchTraffic(webRequest, WEB_SCOPE, push);
    webRequest.sendHeaders({ id: 3, url: 'ws://127.0.0.1:5000/socket', method: 'GET', requestHeaders: {} });
    webRequest.receiveHeaders({ id: 3, url: 'ws://127.0.0.1:5000/socket', statusCode: 101, responseHeaders: {} });
    expect(push).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { checkTargetUrl, isLoopbackHost } from '../../../main/target/target-url';

const lab = 'http://127.0.0.1:41234';
const opened = (typed: string) => {
  const checked = checkTargetUrl(typed, lab);
  if (!checked.ok) throw new Error(`refused: ${checked.reason}`);
  return checked.url;
};
const refusal = (typed: string) => {
  const checked = checkTargetUrl(typed, lab);
  if (checked.ok) throw new Error(`opened ${checked.url}`);
  return checked.reason;
};

describe('the address the Your app view opens', () => {
  it('http and https addresses open as typed, normalised', () => {
    expect(opened('http://127.0.0.1:5000/')).toBe('http://127.0.0.1:5000/');
    expect(opened('  https://example.com/login?next=/  ')).toBe('https://example.com/login?next=/');
    expect(opened('HTTP://LOCALHOST:8080')).toBe('http://localhost:8080/');
  });

  it('an address without a scheme is http, as a browser reads "localhost:3000"', () => {
    expect(opened('localhost:3000')).toBe('http://localhost:3000/');
    expect(opened('127.0.0.1:5000/login')).toBe('http://127.0.0.1:5000/login');
    expect(opened('[::1]:8000')).toBe('http://[::1]:8000/');
    expect(opened('example.com')).toBe('http://example.com/');
  });

  it('file: is refused, with a sentence saying why', () => {
    expect(refusal('file:///etc/passwd')).toBe(
      'file: addresses are refused: the view opens web apps over http or https, and a page read from a file could read other files on this computer.',
    );
    expect(refusal('FILE:///C:/Windows/win.ini')).toMatch(/^file: addresses are refused/);
  });

  it('javascript: is refused, with a sentence saying why', () => {
    expect(refusal('javascript:alert(document.cookie)')).toBe('javascript: addresses are refused: they run a script instead of opening a page.');
    expect(refusal(' JavaScript:void(0)')).toMatch(/^javascript: addresses are refused/);
  });

  it('data: is refused, with a sentence saying why', () => {
    expect(refusal('data:text/html,<script>alert(1)</script>')).toMatch(/^data: addresses are refused: a data: page is whatever the address itself says/);
  });

  it('any other scheme is refused, naming it', () => {
    expect(refusal('ftp://example.com/')).toBe('ftp: addresses are refused: the view opens web apps over http or https only.');
    expect(refusal('about:blank')).toBe('about: addresses are refused: the view opens web apps over http or https only.');
    expect(refusal('chrome://settings')).toMatch(/^chrome: addresses are refused/);
    expect(refusal('view-source:http://example.com')).toMatch(/^view-source: addresses are refused/);
  });

  it("the lab's own server is refused: its URL, any path, and every loopback name for its port", () => {
    const sentence =
      'That is Session Lab’s own server (port 41234 on this computer): its jar is already in the inspector, and the Your app view never opens the lab.';
    expect(refusal(lab)).toBe(sentence);
    expect(refusal(`${lab}/lab/`)).toBe(sentence);
    expect(refusal('https://127.0.0.1:41234/api/session')).toBe(sentence);
    for (const alias of [
      'localhost:41234',
      'http://LOCALHOST:41234/',
      'http://127.1:41234/',
      'http://2130706433:41234/',
      'http://127.0.0.2:41234/',
      'http://[::1]:41234/',
      'http://0.0.0.0:41234/',
      'http://app.localhost:41234/',
      'http://[::ffff:127.0.0.1]:41234/',
    ]) {
      expect(refusal(alias), alias).toBe(sentence);
    }
  });

  it("another port on this computer is the user's app, not the lab", () => {
    expect(opened('http://127.0.0.1:41235/')).toBe('http://127.0.0.1:41235/');
    expect(opened('http://localhost:5000/')).toBe('http://localhost:5000/');
    // The lab's port on another host is someone else's server.
    expect(opened('http://192.168.1.20:41234/')).toBe('http://192.168.1.20:41234/');
  });

  it('nothing, or something that is no address, gets a sentence that says what to type', () => {
    expect(refusal('')).toBe('Type the address of your app, for example http://127.0.0.1:5000/.');
    expect(refusal('   ')).toBe('Type the address of your app, for example http://127.0.0.1:5000/.');
    expect(refusal('not an address')).toBe('“not an address” is not a web address: type one like http://127.0.0.1:5000/.');
    expect(refusal('http://')).toMatch(/is not a web address/);
    expect(refusal('x'.repeat(3000))).toBe('That address is 3000 characters long; at most 2048 are accepted.');
  });
});

describe('loopback host names', () => {
  it.each(['localhost', 'LOCALHOST', 'a.localhost', '127.0.0.1', '127.255.0.9', '[::1]', '::1', '0.0.0.0', 'localhost.'])('%s is this computer', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['example.com', 'localhost.example.com', '128.0.0.1', '10.0.0.1', '[::2]', 'mylocalhost'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

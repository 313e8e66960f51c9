import { describe, expect, it } from 'vitest';
import { navigationVerdict } from '../../main/navigation-policy';
import { isOnOrigin, originOf, pathAndQuery } from '../../main/server-origin';

const origin = 'http://127.0.0.1:41234';

describe("the server's origin", () => {
  it('is scheme, host and port; anything else is another origin', () => {
    expect(isOnOrigin('http://127.0.0.1:41234/lab/', origin)).toBe(true);
    expect(isOnOrigin('http://127.0.0.1:41235/lab/', origin)).toBe(false);
    expect(isOnOrigin('http://localhost:41234/lab/', origin)).toBe(false);
    expect(isOnOrigin('https://127.0.0.1:41234/lab/', origin)).toBe(false);
  });

  it('opaque and malformed URLs have no origin', () => {
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });

  it('a request path is shown with its query, relative to the server', () => {
    expect(pathAndQuery('http://127.0.0.1:41234/api/session?x=1')).toBe('/api/session?x=1');
  });
});

describe('where the window may navigate', () => {
  it('pages of the server load in the window', () => {
    expect(navigationVerdict(`${origin}/login`, origin)).toBe('stay');
  });

  it('everything else goes nowhere: other origins, https links, file, javascript and custom schemes', () => {
    for (const url of [
      'https://developer.mozilla.org/docs/Web/HTTP/Cookies',
      'http://evil.example/',
      'http://127.0.0.1:1/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      'nonsense',
    ]) {
      expect(navigationVerdict(url, origin), url).toBe('deny');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { targetVerdict } from '../../../main/target/target-navigation';

const lab = 'http://127.0.0.1:41234';

describe("the Your app view's own requests", () => {
  it('a link or a redirect to any http or https page is allowed', () => {
    expect(targetVerdict('navigation', 'https://example.com/account', lab)).toEqual({ allow: true });
    expect(targetVerdict('redirect', 'http://127.0.0.1:5000/', lab)).toEqual({ allow: true });
  });

  it('navigation anywhere but http(s) is refused, with a log line', () => {
    expect(targetVerdict('navigation', 'file:///etc/passwd', lab)).toEqual({
      allow: false,
      log: 'Refused navigation to file:///etc/passwd: the view stays on http and https pages.',
    });
    expect(targetVerdict('redirect', 'data:text/html,hi', lab)).toEqual({
      allow: false,
      log: 'Refused a redirect to data:text/html,hi: the view stays on http and https pages.',
    });
    expect(targetVerdict('navigation', 'javascript:alert(1)', lab)).toMatchObject({ allow: false });
    expect(targetVerdict('navigation', 'not a url', lab)).toEqual({ allow: false, log: 'Refused navigation to not a url: it is not a web address.' });
  });

  it("the lab's own server is refused as a link target and as a redirect", () => {
    expect(targetVerdict('navigation', `${lab}/lab/`, lab)).toEqual({
      allow: false,
      log: `Refused navigation to ${lab}/lab/: that is Session Lab’s own server, which the view never opens.`,
    });
    expect(targetVerdict('redirect', 'http://localhost:41234/api/session', lab)).toMatchObject({ allow: false });
  });

  it('a new window and a download are always refused, whatever the address', () => {
    expect(targetVerdict('new-window', 'https://example.com/popup', lab)).toEqual({
      allow: false,
      log: 'Refused a new window to https://example.com/popup: the view shows one page at a time; type the address above to open it here.',
    });
    expect(targetVerdict('download', 'http://127.0.0.1:5000/report.zip', lab)).toEqual({
      allow: false,
      log: 'Refused a download to http://127.0.0.1:5000/report.zip: the view saves nothing to this computer.',
    });
  });

  it('a long address is cut short in the log', () => {
    const verdict = targetVerdict('new-window', `https://example.com/${'a'.repeat(500)}`, lab);
    expect(verdict.allow).toBe(false);
    if (!verdict.allow) expect(verdict.log.length).toBeLessThan(320);
  });
});

import { describe, expect, it } from 'vitest';
import { COOKIE_BYTES_LIMIT as MAX_COOKIE_BYTES, MAX_DECODER_INPUT_CHARS } from '../../../contract';
import { ARGUMENT_PARSERS, InvalidArgumentError } from '../../../main/ipc/ipc-arguments';
import { MAX_INPUT_CHARS } from '../../../server/audit/cookie-input';

const setValue = ARGUMENT_PARSERS.setCookieValue;
const remove = ARGUMENT_PARSERS.deleteCookie;

describe('checking what the window sends', () => {
  it('a cookie name and value pass through unchanged', () => {
    expect(setValue(['lab_session', 'eyJ1c2VybmFtZSI6ImFkbWluIn0='])).toEqual(['lab_session', 'eyJ1c2VybmFtZSI6ImFkbWluIn0=']);
    expect(remove(['lab_session.sig'])).toEqual(['lab_session.sig']);
  });

  it('an empty value is allowed (a cookie can be emptied)', () => {
    expect(setValue(['lab_session', ''])).toEqual(['lab_session', '']);
  });

  it('a name that is not a string, or empty, is refused with a message', () => {
    expect(() => remove([42])).toThrow(new InvalidArgumentError('A cookie name must be a string.'));
    expect(() => remove([''])).toThrow('A cookie name cannot be empty.');
    expect(() => remove([{ toString: () => 'lab_session' }])).toThrow(InvalidArgumentError);
  });

  it('a value that would break the cookie is refused', () => {
    expect(() => setValue(['lab_session', 'a; Domain=evil.example'])).toThrow('cannot contain control characters or ";"');
    expect(() => setValue(['lab_session', 'a\r\nSet-Cookie: x=1'])).toThrow(InvalidArgumentError);
    expect(() => setValue(['lab_session', null])).toThrow('A cookie value must be a string.');
  });

  it('a name with "=" or ";" is refused', () => {
    expect(() => remove(['a=b'])).toThrow(InvalidArgumentError);
    expect(() => remove(['a;b'])).toThrow(InvalidArgumentError);
  });

  it('name and value over the browser limit are refused, at the limit accepted', () => {
    const name = 'lab_session';
    expect(setValue([name, 'x'.repeat(MAX_COOKIE_BYTES - name.length)])[1]).toHaveLength(MAX_COOKIE_BYTES - name.length);
    expect(() => setValue([name, 'x'.repeat(MAX_COOKIE_BYTES - name.length + 1)])).toThrow(/4097 bytes/);
  });

  it('the wrong number of arguments is refused', () => {
    expect(() => ARGUMENT_PARSERS.listCookies(['extra'])).toThrow('listCookies takes 0 argument(s), got 1.');
    expect(() => setValue(['lab_session'])).toThrow(InvalidArgumentError);
  });
});

describe('checking what the Your app tab sends', () => {
  it('an address is text of a bounded length; what it may be is the URL check’s to say', () => {
    expect(ARGUMENT_PARSERS.openTarget(['javascript:alert(1)'])).toEqual(['javascript:alert(1)']);
    expect(() => ARGUMENT_PARSERS.openTarget([new URL('http://a.test/')])).toThrow('An address must be text.');
    expect(() => ARGUMENT_PARSERS.openTarget(['x'.repeat(8193)])).toThrow('An address cannot be longer than 8192 characters.');
  });

  it('the view bounds are null or exactly four finite numbers in range', () => {
    expect(ARGUMENT_PARSERS.setTargetBounds([{ x: 10.5, y: -20, width: 600, height: 400 }])).toEqual([{ x: 10.5, y: -20, width: 600, height: 400 }]);
    expect(ARGUMENT_PARSERS.setTargetBounds([null])).toEqual([null]);
    expect(() => ARGUMENT_PARSERS.setTargetBounds([{ x: 0, y: 0, width: 10 }])).toThrow('The view bounds are exactly {x, y, width, height}.');
    expect(() => ARGUMENT_PARSERS.setTargetBounds([{ x: 0, y: 0, width: 10, height: 10, z: 1 }])).toThrow(InvalidArgumentError);
    expect(() => ARGUMENT_PARSERS.setTargetBounds([{ x: 0, y: 0, width: -1, height: 10 }])).toThrow("The view's width must be a number from 0 to 100000.");
    expect(() => ARGUMENT_PARSERS.setTargetBounds([{ x: Number.NaN, y: 0, width: 1, height: 1 }])).toThrow("The view's x must be a number");
    expect(() => ARGUMENT_PARSERS.setTargetBounds([{ x: 0, y: 0, width: 1e9, height: 1 }])).toThrow(InvalidArgumentError);
    expect(() => ARGUMENT_PARSERS.setTargetBounds(['0,0,10,10'])).toThrow('The view bounds are null or {x, y, width, height}.');
  });

  it('a key is bounded text in a known encoding', () => {
    expect(ARGUMENT_PARSERS.setTargetKey(['your_very_secret_key', 'text'])).toEqual(['your_very_secret_key', 'text']);
    expect(() => ARGUMENT_PARSERS.setTargetKey(['k', 'utf16'])).toThrow('The key encoding must be one of "text", "hex", "base64".');
    expect(() => ARGUMENT_PARSERS.setTargetKey([new Uint8Array([1]), 'text'])).toThrow('A key must be text.');
    expect(() => ARGUMENT_PARSERS.setTargetKey(['k'.repeat(1025), 'text'])).toThrow('A key cannot be longer than 1024 characters.');
  });

  it('a report is Markdown or JSON', () => {
    expect(ARGUMENT_PARSERS.exportTargetReport(['json'])).toEqual(['json']);
    expect(() => ARGUMENT_PARSERS.exportTargetReport(['pdf'])).toThrow('The report format must be one of "markdown", "json".');
  });

  it('what the Decoder reads is text, at most as long as the engine takes, with every character whole', () => {
    const header = 'session=eyJ1IjoxfQ.aw8IWw.sig; theme=dark';
    expect(ARGUMENT_PARSERS.decodeCookies([header])).toEqual([header]);
    // Tabs and newlines pasted with a header are the engine's to read.
    expect(ARGUMENT_PARSERS.decodeCookies(['Cookie:\n\ta=b'])).toEqual(['Cookie:\n\ta=b']);
    expect(ARGUMENT_PARSERS.decodeCookies(['x'.repeat(MAX_DECODER_INPUT_CHARS)])[0]).toHaveLength(MAX_DECODER_INPUT_CHARS);
    expect(() => ARGUMENT_PARSERS.decodeCookies(['x'.repeat(MAX_DECODER_INPUT_CHARS + 1)])).toThrow(
      'That is 262,145 characters; the Decoder reads at most 262,144 (a whole Cookie header is a few KB).',
    );
    expect(() => ARGUMENT_PARSERS.decodeCookies([new TextEncoder().encode(header)])).toThrow('What the Decoder reads must be text.');
    expect(() => ARGUMENT_PARSERS.decodeCookies(['a=\ud800b'])).toThrow('The text has a broken character (half of a UTF-16 pair): copy the cookie again.');
    expect(() => ARGUMENT_PARSERS.decodeCookies([])).toThrow('decodeCookies takes 1 argument(s), got 0.');
    expect(() => ARGUMENT_PARSERS.decodeCookies([header, 'extra'])).toThrow(InvalidArgumentError);
  });

  it("the Decoder's limit is the engine's own", () => {
    expect(MAX_DECODER_INPUT_CHARS).toBe(MAX_INPUT_CHARS);
  });

  it("the Decoder's key is bounded text in a known encoding, as the Your app tab's is", () => {
    expect(ARGUMENT_PARSERS.setDecoderKey(['00ff', 'hex'])).toEqual(['00ff', 'hex']);
    expect(() => ARGUMENT_PARSERS.setDecoderKey(['k', 'latin1'])).toThrow('The key encoding must be one of "text", "hex", "base64".');
    expect(() => ARGUMENT_PARSERS.setDecoderKey(['k'.repeat(1025), 'text'])).toThrow('A key cannot be longer than 1024 characters.');
    expect(() => ARGUMENT_PARSERS.setDecoderKey([{ toString: () => 'k' }, 'text'])).toThrow('A key must be text.');
  });

  it('a crack runs with the built-in list or a file main asks for; a path is no choice', () => {
    expect(ARGUMENT_PARSERS.crackDecoded(['built-in'])).toEqual(['built-in']);
    expect(ARGUMENT_PARSERS.crackDecoded(['file'])).toEqual(['file']);
    expect(() => ARGUMENT_PARSERS.crackDecoded(['/usr/share/wordlists/rockyou.txt'])).toThrow('The list to crack with must be one of "built-in", "file".');
    expect(() => ARGUMENT_PARSERS.crackDecoded(['file', '/etc/passwd'])).toThrow('crackDecoded takes 1 argument(s), got 2.');
    expect(() => ARGUMENT_PARSERS.stopDecoderCrack(['now'])).toThrow(InvalidArgumentError);
  });
});

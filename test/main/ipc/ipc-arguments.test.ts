import { describe, expect, it } from 'vitest';
import { COOKIE_BYTES_LIMIT as MAX_COOKIE_BYTES } from '../../../contract';
import { ARGUMENT_PARSERS, InvalidArgumentError } from '../../../main/ipc/ipc-arguments';

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

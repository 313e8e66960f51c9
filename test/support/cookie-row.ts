// A jar row as Electron reports one, for tests: a host-only browser-session
// cookie on 127.0.0.1 at Path=/, HttpOnly, SameSite unset, unless `fields` say otherwise.
import type { CookieRow } from '../../contract';

export const cookieRow = (name: string, value: string, fields: Partial<CookieRow> = {}): CookieRow => ({
  name,
  value,
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: true,
  session: true,
  expirationDate: null,
  sameSite: 'unspecified',
  size: name.length + value.length,
  ...fields,
});

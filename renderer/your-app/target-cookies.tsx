// Each cookie of the Your app partition as the auditor read it (the shared
// reading, renderer/audit/read-cookie.tsx), under its jar attributes and value.
// Keyed by name, domain and path; a row draws again only when its own reading changed.
import type { TargetCookieView } from '../../contract';
import { CookieAttributesLine, CookieValueLine, ReadCookieItem } from '../audit/read-cookie';
import { pure } from '../pure';

/** A cookie's identity in the jar, as the browser keys it. */
export const cookieKey = (c: TargetCookieView): string => `${c.cookie.name}\u0000${c.cookie.domain}\u0000${c.cookie.path}`;

export function TargetCookieList({ cookies }: { cookies: readonly TargetCookieView[] }) {
  return (
    <ul class="read-cookie-list" id="target-cookies" aria-labelledby="target-decoded-title">
      {cookies.map((c) => (
        <CookieItem key={cookieKey(c)} cookie={c} />
      ))}
    </ul>
  );
}

const CookieItem = pure(
  ({ cookie: c }: { cookie: TargetCookieView }) => {
    const row = c.cookie;
    return (
      <ReadCookieItem
        name={row.name}
        where={`${row.domain.replace(/^\./, '')}${row.path === '/' ? '' : row.path}`}
        reading={c}
        noKey="Signature not checked: give the key above."
      >
        <CookieAttributesLine row={row} />
        <CookieValueLine value={row.value} />
      </ReadCookieItem>
    );
  },
  (a, b) => JSON.stringify(a.cookie) === JSON.stringify(b.cookie),
);

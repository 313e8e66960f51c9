// The Your app partition's cookies as the auditor's engine reads them: each
// value's format detected and decoded, its signature checked with the key the
// user typed, and any key the weak-key crack found tried against it. The typed
// key comes in as bytes and nothing derived from it goes out but a verdict.
// The engine is passed in: server/index.ts loads it on first use (loadAuditEngine).
import { packJarAudit, type CookieFinding, type CookieRow, type TargetCookieView } from '../../contract';
import { auditCookie, type AuditEngine, type AuditTarget, type DecodedCookie, type ExaminedCookie } from '../../server';
import { decodedView, foundKeyView, isCrackable, verdictWith, weakKeyOf, type FoundKey } from '../audit/cookie-views';
import { cookieMatchesHost } from '../jar/cookie-rows';

/** One jar row, paired with its cookie-session `.sig` and read by the engine. */
export interface ReadCookie {
  row: CookieRow;
  signatureCookie: string | null;
  signatureOf: string | null;
  /** null for a `.sig` read with its cookie. */
  examined: ExaminedCookie | null;
}

const SIG = '.sig';
const place = (row: CookieRow, name = row.name): string => `${name}\u0000${row.domain}\u0000${row.path}`;

/** Pairs cookie-session's `<name>` with `<name>.sig` (same domain and path, as keygrip signs them) and examines each. */
export function readCookies(engine: AuditEngine, rows: readonly CookieRow[]): ReadCookie[] {
  const { cookieValue, examineCookie } = engine;
  const byPlace = new Map(rows.map((row) => [place(row), row]));
  return rows.map((row) => {
    const partner = byPlace.get(place(row, `${row.name}${SIG}`));
    const owner = row.name.endsWith(SIG) && row.name.length > SIG.length ? byPlace.get(place(row, row.name.slice(0, -SIG.length))) : undefined;
    if (owner !== undefined) return { row, signatureCookie: null, signatureOf: owner.name, examined: null };
    // The jar keeps a value as the server sent it: URL-decoded as the framework reads it.
    const examined = examineCookie({
      name: row.name,
      value: cookieValue(row.value),
      ...(partner === undefined ? {} : { signature: cookieValue(partner.value) }),
    });
    return { row, signatureCookie: partner?.name ?? null, signatureOf: null, examined };
  });
}

/** The cookies a crack can try keys against: those a format reads and that carry a signature. */
export function crackTargets(read: readonly ReadCookie[]): AuditTarget[] {
  return read.flatMap((c) => (isCrackable(c.examined) ? [c.examined.target] : []));
}

/**
 * The page a cookie was set for, as the audit reads it (its scheme decides
 * Secure and the prefixes): an origin the view visited that the cookie's domain
 * covers, https first; else, for a cookie from an earlier run, its own host, over
 * https when it is Secure.
 */
export function pageUrlOf(row: CookieRow, visited: readonly string[]): string {
  const covering = visited.filter((origin) => cookieMatchesHost(row, new URL(origin).hostname));
  const page = covering.find((origin) => origin.startsWith('https:')) ?? covering[0];
  if (page !== undefined) return `${page}/`;
  const host = row.domain.replace(/^\./, '');
  return `${row.secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}/`;
}

export interface ReadJarOptions {
  typedKey: Uint8Array | null;
  found: readonly FoundKey[];
  visited: readonly string[];
  /** Seconds since the epoch. */
  now: number;
}

/**
 * What the window shows for the partition: each cookie audited (the weak-key
 * rule fed by the crack's keys), packed as the lab's jar is, with the engine's
 * reading and the verdict of the typed key.
 */
export function readJar(engine: AuditEngine, read: readonly ReadCookie[], options: ReadJarOptions): { findings: CookieFinding[]; cookies: TargetCookieView[] } {
  const weak = read.map((c) => weakKeyOf(engine, c.examined, options.found));
  const ownerOf = (c: ReadCookie) => read.findIndex((o) => o.row.name === c.signatureOf && o.row.domain === c.row.domain && o.row.path === c.row.path);
  const audited = read.map((c, i) => {
    let decoded: DecodedCookie | null = null;
    if (c.signatureOf !== null) {
      // A .sig holds no payload of its own; it shares its cookie's key.
      decoded = { format: 'cookie-session', payload: null, weakKeyFound: weak[ownerOf(c)] != null };
    } else if (c.examined?.decoded) {
      decoded = { format: c.examined.decoded.format, payload: engine.plainPayload(c.examined.decoded.payload), weakKeyFound: weak[i] !== null };
    }
    return { cookie: c.row, audit: auditCookie({ cookie: c.row, pageUrl: pageUrlOf(c.row, options.visited), decoded, now: options.now }) };
  });
  const packed = packJarAudit(audited);
  const cookies = packed.rows.map((row, i): TargetCookieView => {
    const c = read[i]!;
    const key = weak[i] ?? null;
    return {
      ...row,
      signatureCookie: c.signatureCookie,
      signatureOf: c.signatureOf,
      decoded: c.examined === null ? null : decodedView(engine, c.examined),
      verdict: c.signatureOf === null ? verdictWith(engine, c.examined, options.typedKey) : { state: 'no-key' },
      weakKey: key === null ? null : foundKeyView(engine, key),
    };
  });
  return { findings: packed.findings, cookies };
}

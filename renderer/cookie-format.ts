// The inspector's words for cookie facts: attributes, times, sizes, verdicts.
import type { CookieInspection, CookieRow, SameSite } from '../contract';

const SAME_SITE_LABELS: Record<SameSite, string> = {
  unspecified: 'Unset (Lax)',
  no_restriction: 'None',
  lax: 'Lax',
  strict: 'Strict',
};

export function sameSiteLabel(value: SameSite): string {
  return SAME_SITE_LABELS[value] ?? value;
}

export const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2025-06-01 14:03", local time. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "14:03:07", local time. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function expiryLabel(row: CookieRow): string {
  return row.session || row.expirationDate === null ? 'Session' : formatDate(row.expirationDate * 1000);
}

/** Keeps the head of a long value: "eyJ1c2VybmFtZSI6…". */
export function truncate(value: string, max: number): string {
  return [...value].length <= max ? value : `${[...value].slice(0, max - 1).join('')}…`;
}

/** Keeps both ends, so two values with the same prefix still differ: "eyJ1…fQ==". */
export function truncateMiddle(value: string, max: number): string {
  const chars = [...value];
  if (chars.length <= max) return value;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

export type VerdictTone = 'good' | 'bad' | 'neutral';

/** What the signature check means for the person, in one sentence. */
export function verdictText(inspection: Pick<CookieInspection, 'verdict' | 'received'>): { text: string; tone: VerdictTone } {
  const { verdict } = inspection;
  if (verdict.state === 'valid') {
    const which = verdict.keyIndex === 0 ? 'newest' : 'older key: re-signed with the newest on the next change';
    return { text: `Signature valid (key #${verdict.keyIndex + 1}, ${which})`, tone: 'good' };
  }
  if (verdict.state === 'invalid') {
    return { text: 'Signature does NOT match: the server will ignore this cookie', tone: 'bad' };
  }
  if (!inspection.received) return { text: 'No session cookie yet', tone: 'neutral' };
  return { text: 'No signature: the server will ignore this cookie', tone: 'bad' };
}

export function sizeText(bytes: number, limit: number): string {
  const percent = limit > 0 ? Math.round((bytes / limit) * 100) : 0;
  return `${bytes} bytes of ~${limit} (${percent}%)`;
}

/**
 * The JSON inside a cookie-session value (base64 of a JSON object), compact, or
 * null. Display only: the trusted verdict comes from whoever holds the keys.
 */
export function sessionJson(value: string | null): string | null {
  if (value === null || value === '' || !/^[A-Za-z0-9+/=_-]+$/.test(value)) return null;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? JSON.stringify(parsed) : null;
  } catch {
    return null;
  }
}

/** base64 of UTF-8 JSON text, how cookie-session stores a session. */
export function encodeSessionJson(json: string): string {
  const bytes = new TextEncoder().encode(json);
  return btoa(String.fromCharCode(...bytes));
}

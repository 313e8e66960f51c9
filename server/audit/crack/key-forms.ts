// The forms one candidate line can stand for as a key: the bytes as written,
// hex-decoded, base64-decoded, or Laravel's "base64:…" APP_KEY spelling. Keys are
// often generated as random bytes and written down in one of these.
import { isCanonicalBase64 } from '../codec/base64';

export type KeyForm = 'raw' | 'hex' | 'base64' | 'laravel';
export const KEY_FORMS: readonly KeyForm[] = ['raw', 'hex', 'base64', 'laravel'];

export const KEY_FORM_WORDS: Record<KeyForm, string> = {
  raw: 'as written',
  hex: 'hex-decoded',
  base64: 'base64-decoded',
  laravel: 'Laravel "base64:" decoded',
};

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}
const B64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') B64[c.charCodeAt(0)] = 1;
const LARAVEL_PREFIX = Buffer.from('base64:');

function hexDecode(c: Uint8Array): Uint8Array | null {
  if (c.length < 2 || c.length % 2 !== 0) return null;
  const out = new Uint8Array(c.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = HEX[c[2 * i]!]!;
    const lo = HEX[c[2 * i + 1]!]!;
    if (hi < 0 || lo < 0) return null;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function base64Decode(c: Uint8Array): Uint8Array | null {
  let end = c.length;
  while (end > 0 && c[end - 1] === 0x3d /* = */) end--;
  if (end < 2 || end % 4 === 1 || c.length - end > 2) return null;
  for (let i = 0; i < end; i++) if (B64[c[i]!] === 0) return null;
  const text = Buffer.from(c.buffer, c.byteOffset, end).toString('latin1');
  const bytes = Buffer.from(text, 'base64');
  // Only the spelling a real key has: re-encoding gives the text back.
  return bytes.length > 0 && isCanonicalBase64(text, bytes) ? bytes : null;
}

/** Calls `use` with each key the candidate stands for, in the chosen forms. */
export function forEachKeyForm(candidate: Uint8Array, forms: ReadonlySet<KeyForm>, use: (key: Uint8Array, form: KeyForm) => boolean): boolean {
  if (forms.has('raw') && use(candidate, 'raw')) return true;
  if (forms.has('hex')) {
    const k = hexDecode(candidate);
    if (k !== null && use(k, 'hex')) return true;
  }
  if (forms.has('base64')) {
    const k = base64Decode(candidate);
    if (k !== null && use(k, 'base64')) return true;
  }
  if (forms.has('laravel') && candidate.length > 7 && Buffer.from(candidate.buffer, candidate.byteOffset, 7).equals(LARAVEL_PREFIX)) {
    const k = base64Decode(candidate.subarray(7));
    if (k !== null && use(k, 'laravel')) return true;
  }
  return false;
}

export function parseKeyForms(text: string): Set<KeyForm> {
  const forms = new Set<KeyForm>();
  for (const word of text.split(',').map((w) => w.trim().toLowerCase())) {
    if (word === 'all') KEY_FORMS.forEach((f) => forms.add(f));
    else if ((KEY_FORMS as string[]).includes(word)) forms.add(word as KeyForm);
    else throw new Error(`Unknown key form "${word}": use ${KEY_FORMS.join(', ')} or all.`);
  }
  if (forms.size === 0) throw new Error('Choose at least one key form.');
  return forms;
}

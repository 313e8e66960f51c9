// Django's base62 timestamps (django.utils.baseconv / signing.b62_encode).
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62Encode(n: number): string {
  if (n === 0) return '0';
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 62)) out = ALPHABET[rest % 62]! + out;
  return out;
}

/** null when the text is not base62 or the number is beyond exact integers. */
export function base62Decode(text: string): number | null {
  if (!/^[0-9A-Za-z]{1,10}$/.test(text)) return null;
  let n = 0;
  for (const c of text) n = n * 62 + ALPHABET.indexOf(c);
  return Number.isSafeInteger(n) ? n : null;
}

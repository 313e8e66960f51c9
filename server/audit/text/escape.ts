// Makes attacker-controlled text and key bytes safe to print: every control,
// format-direction and non-UTF-8 byte becomes a visible escape.
//
// Cookie names, values and payloads come from whoever set the cookie. Printed raw,
// an ESC byte drives the terminal and a bidi override reorders the line, so
// nothing the auditor prints passes through without this.

// C0 and C1 controls, DEL, line/paragraph separators, bidi controls, BOM, and the
// zero-width characters (U+200B-U+200D, U+2060), which make two names that look
// alike differ ("session" and "ses\u200bsion"); an emoji's joiner shows escaped too.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff\\]/g;
const UNSAFE_JSON = /[\u007f-\u009f\u2028\u2029\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Text with its unsafe characters as `\n`, `\xNN` or `\u{NNNN}`; a backslash doubles, so the form is unambiguous. */
export function escapeText(text: string): string {
  return text
    .replace(UNSAFE, (c) => SHORT[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex2(c.charCodeAt(0))}` : `\\u{${c.charCodeAt(0).toString(16)}}`))
    .replace(
      // Lone surrogates cannot be printed either.
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\u{${c.charCodeAt(0).toString(16)}}`,
    );
}

/** Key bytes in the same escaped form: valid UTF-8 stays readable, every other byte is `\xNN`. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      out += `\\x${hex2(bytes[i]!)}`;
      i += 1;
    } else {
      out += escapeText(Buffer.from(bytes.subarray(i, i + len)).toString('utf8'));
      i += len;
    }
  }
  return out;
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number) => k < b.length && (b[k]! & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[i + 1] ?? 0;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return 0; // overlong, surrogate
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[i + 1] ?? 0;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

/** Whether the bytes are well-formed UTF-8 (so a key can be shown and passed back as text). */
export function isUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length;) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) return false;
    i += len;
  }
  return true;
}

/** A short, escaped excerpt of input for an error message: bad input is never echoed whole. */
export function excerpt(text: string, max = 40): string {
  const chars = [...text];
  const head = escapeText(chars.slice(0, max).join(''));
  return chars.length > max ? `"${head}…" (${chars.length} characters)` : `"${head}"`;
}

/** JSON text that is also safe on a terminal: JSON.stringify leaves C1 controls and bidi marks raw. */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

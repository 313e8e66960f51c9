// Reads a line of the Flask-Unsign wordlist: a Python string literal (or several,
// implicitly concatenated), with the exact bytes it stands for.
//
// Most entries are text, and text becomes a key as Python 3's itsdangerous makes
// it one: UTF-8. Entries with \xNN escapes are mostly os.urandom() output printed
// by Python 2, where each escape is one byte; so such a line gives both readings
// (Python 2's bytes first) when they differ. A line that is not a string literal
// gives nothing: the caller skips it.

const SIMPLE: Record<string, number> = { '\\': 0x5c, "'": 0x27, '"': 0x22, a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

/** A decoded piece: a code point, and whether an \x or octal escape wrote it (a byte in Python 2). */
type Unit = { cp: number; byteEscape: boolean };

/** The bytes a literal line denotes: [Python 2 reading, Python 3 UTF-8 reading] when they differ, else one; null if not a literal. */
export function decodePythonLiteralLine(line: string): Uint8Array[] | null {
  // Most lines are one quoted string without escapes: their bytes are their UTF-8.
  const q = line[0];
  if ((q === '"' || q === "'") && line.length >= 2 && line[line.length - 1] === q && line.indexOf('\\') < 0 && line.indexOf(q, 1) === line.length - 1) {
    return [Buffer.from(line.slice(1, -1), 'utf8')];
  }
  const units: Unit[] = [];
  let bytesLiteral: boolean | null = null;
  let i = 0;
  const n = line.length;
  const skipSpace = () => {
    while (i < n && (line[i] === ' ' || line[i] === '\t' || line[i] === '\f')) i++;
  };
  skipSpace();
  let count = 0;
  while (i < n) {
    if (line[i] === '#') break; // a comment ends the expression
    const prefix = /^([rRbBuU]{0,2})(['"])/.exec(line.slice(i, i + 3));
    if (prefix === null) return null;
    const flags = prefix[1]!.toLowerCase();
    if (!/^(|r|b|u|br|rb)$/.test(flags)) return null;
    const isBytes = flags.includes('b');
    if (bytesLiteral !== null && bytesLiteral !== isBytes) return null; // str + bytes is a TypeError
    bytesLiteral = isBytes;
    const raw = flags.includes('r');
    const q = prefix[2]!;
    i += prefix[0].length;
    const triple = line.startsWith(q + q, i);
    if (triple) i += 2;
    let closed = false;
    while (i < n) {
      const c = line[i]!;
      if (c === q && (!triple || line.startsWith(q + q + q, i))) {
        i += triple ? 3 : 1;
        closed = true;
        break;
      }
      if (c === '\n' || c === '\r') return null;
      if (c !== '\\') {
        const cp = line.codePointAt(i)!;
        if (isBytes && cp > 0x7f) return null; // bytes literals hold ASCII only
        units.push({ cp, byteEscape: false });
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      const e = line[i + 1];
      if (e === undefined) return null;
      if (raw) {
        // Raw: the backslash stays, and it keeps a quote from closing the string.
        units.push({ cp: 0x5c, byteEscape: false });
        units.push({ cp: e.codePointAt(0)!, byteEscape: false });
        i += 2;
        continue;
      }
      const simple = SIMPLE[e];
      if (simple !== undefined) {
        units.push({ cp: simple, byteEscape: false });
        i += 2;
      } else if (/[0-7]/.test(e)) {
        const oct = /^[0-7]{1,3}/.exec(line.slice(i + 1, i + 4))![0];
        units.push({ cp: parseInt(oct, 8), byteEscape: true });
        i += 1 + oct.length;
      } else if (e === 'x') {
        const hex = line.slice(i + 2, i + 4);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
        units.push({ cp: parseInt(hex, 16), byteEscape: true });
        i += 4;
      } else if (!isBytes && (e === 'u' || e === 'U')) {
        const len = e === 'u' ? 4 : 8;
        const hex = line.slice(i + 2, i + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return null;
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) return null;
        units.push({ cp, byteEscape: false });
        i += 2 + len;
      } else if (!isBytes && e === 'N') {
        return null; // \N{NAME} needs Unicode's name table; such lines are rare enough to skip
      } else {
        // An unknown escape keeps its backslash (Python warns, but accepts it).
        units.push({ cp: 0x5c, byteEscape: false });
        i += 1;
      }
    }
    if (!closed) return null;
    count++;
    skipSpace();
  }
  if (count === 0) return null;
  if (bytesLiteral === true) return [Uint8Array.from(units.map((u) => u.cp & 0xff))];
  const py3 = encodeUnits(units, false);
  if (!units.some((u) => u.byteEscape && u.cp > 0x7f)) return [py3];
  const py2 = encodeUnits(units, true);
  return [py2, py3];
}

/** UTF-8, each escaped surrogate on its own as Python's "surrogatepass" writes it; byte escapes as single bytes when `py2`. */
function encodeUnits(units: Unit[], py2: boolean): Uint8Array {
  const out: number[] = [];
  for (let k = 0; k < units.length; k++) {
    const { cp } = units[k]!;
    if (py2 && units[k]!.byteEscape && cp <= 0xff) {
      out.push(cp);
      continue;
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

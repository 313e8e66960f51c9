// JSON read into an ordered tree and written back the way each framework writes it.
//
// JSON.parse loses what signing byte-for-byte needs: key order (JS moves
// integer-like keys first), number spelling (1.0 stays a float in Python) and
// duplicate keys. The parser is iterative with a depth limit, so hostile
// nesting is a clear error, never a RangeError from a recursive printer.

export type JsonNode =
  | { kind: 'object'; entries: Array<[string, JsonNode]> }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'literal'; value: true | false | null };

/** Deeper than any session a framework writes; deep enough that printing stays safe. */
export const MAX_JSON_DEPTH = 100;

export class JsonTreeError extends Error {
  override name = 'JsonTreeError';
}

interface Frame {
  node: JsonNode & { kind: 'object' | 'array' };
  key: string | null;
}

/** Parses JSON text strictly (RFC 8259, as JSON.parse) into a tree; throws JsonTreeError with a position. */
export function parseJsonTree(text: string, maxDepth = MAX_JSON_DEPTH): JsonNode {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonTreeError(`${what} at character ${i + 1}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const readString = (): string => {
    // text[i] === '"'
    let out = '';
    i++;
    for (;;) {
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      const end = text.slice(i).search(/["\\\u0000-\u001f]/);
      if (end < 0) fail('unterminated string');
      out += text.slice(i, i + end);
      i += end;
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c !== '\\') fail('control character in a string');
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else fail('bad escape');
    }
  };
  const readScalar = (): JsonNode => {
    const c = text[i];
    if (c === '"') return { kind: 'string', value: readString() };
    const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num) {
      i += num[0].length;
      return { kind: 'number', text: num[0] };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: 'literal', value };
      }
    }
    return fail('unexpected character');
  };

  const stack: Frame[] = [];
  let root: JsonNode | undefined;
  const attach = (node: JsonNode, key: string | null): void => {
    const top = stack.at(-1);
    if (top === undefined) root = node;
    else if (top.node.kind === 'object') top.node.entries.push([key!, node]);
    else top.node.items.push(node);
  };
  ws();
  for (;;) {
    const top = stack.at(-1);
    let key: string | null = null;
    if (top !== undefined) {
      const empty = top.node.kind === 'object' ? top.node.entries.length === 0 : top.node.items.length === 0;
      const close = top.node.kind === 'object' ? '}' : ']';
      ws();
      if (text[i] === close) {
        i++;
        stack.pop();
        if (stack.length === 0) break;
        continue;
      }
      if (!empty) {
        if (text[i] !== ',') fail(`expected "," or "${close}"`);
        i++;
        ws();
      }
      if (top.node.kind === 'object') {
        if (text[i] !== '"') fail('expected a key');
        key = readString();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        ws();
      }
    }
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) throw new JsonTreeError(`nested deeper than ${maxDepth} levels`);
      i++;
      const node: Frame['node'] = c === '{' ? { kind: 'object', entries: [] } : { kind: 'array', items: [] };
      attach(node, key);
      stack.push({ node, key });
      continue;
    }
    attach(readScalar(), key);
    if (stack.length === 0) break;
  }
  ws();
  if (i < text.length) fail('unexpected text after the JSON');
  return root!;
}

/** Whether the text parses as JSON within the depth limit. */
export function tryParseJsonTree(text: string): JsonNode | null {
  try {
    return parseJsonTree(text);
  } catch {
    return null;
  }
}

/** The tree as plain JS data, for --json output (duplicate keys: the last wins, as every reader does). */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'array':
      return node.items.map(toPlain);
    case 'string':
      return node.value;
    case 'number':
      return Number(node.text);
    case 'literal':
      return node.value;
  }
}

export type JsonStyle =
  /** Python's json.dumps(separators=(',', ':')), ensure_ascii; Flask also sorts keys. */
  | { dialect: 'python'; sortKeys: boolean }
  /** JSON.stringify of what JSON.parse gives: cookie-session, express, jsonwebtoken. */
  | { dialect: 'javascript' }
  /** ActiveSupport::JSON.encode: <, >, &, U+2028/9 escaped, other text raw. */
  | { dialect: 'rails' };

const hex4 = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;

function pythonString(s: string): string {
  let out = '"';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += hex4(c);
    else out += s[k];
  }
  return `${out}"`;
}

function railsString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => hex4(c.charCodeAt(0)));
}

/** repr(float) as Python writes it: shortest round-trip digits, exponent outside 1e-4 ≤ |x| < 1e16. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const e = Number(exp);
  const sign = x < 0 ? '-' : '';
  const decpt = e + 1;
  if (decpt <= -4 || decpt > 16) {
    const m = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

function pythonNumber(text: string): string {
  return /^-?\d+$/.test(text) ? BigInt(text).toString() : pythonFloat(Number(text));
}

/** Writes the tree in a framework's own compact JSON. */
export function stringifyJsonTree(node: JsonNode, style: JsonStyle): string {
  if (style.dialect === 'javascript') return JSON.stringify(toPlain(node));
  const str = style.dialect === 'python' ? pythonString : railsString;
  const write = (n: JsonNode): string => {
    switch (n.kind) {
      case 'object': {
        // Duplicate keys keep their first position and their last value (dict and Hash both do).
        const merged = new Map<string, JsonNode>();
        for (const [k, v] of n.entries) merged.set(k, v);
        let entries = [...merged];
        if (style.dialect === 'python' && style.sortKeys) entries = entries.sort(([a], [b]) => compareCodePoints(a, b));
        return `{${entries.map(([k, v]) => `${str(k)}:${write(v)}`).join(',')}}`;
      }
      case 'array':
        return `[${n.items.map(write).join(',')}]`;
      case 'string':
        return str(n.value);
      case 'number':
        return style.dialect === 'python' ? pythonNumber(n.text) : n.text;
      case 'literal':
        return String(n.value);
    }
  };
  return write(node);
}

/** Python's str ordering: by code point, not by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let k = 0; k < Math.min(x.length, y.length); k++) {
    const d = x[k]!.codePointAt(0)! - y[k]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

// The built-in wordlist: its order, and the Flask-Unsign lines read exactly as
// Python reads them (checked line by line against Python's own ast.literal_eval).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePythonLiteralLine } from '../../../server/audit/crack/python-literal';
import { WELL_KNOWN_WEAK_SECRETS } from '../../../server/secrets/weak-secrets';
import { builtInCandidates, builtInList, builtInWordlist, FLASK_UNSIGN_WORDLIST, flaskUnsignCandidates } from '../../../server/audit/wordlist';
import { pythonWith } from '../../support/framework-peers';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('reading a Python string literal', () => {
  it.each([
    [`"plain"`, ['plain']],
    [`'single \\'quoted\\''`, ["single 'quoted'"]],
    [`"tab\\tnew\\nline\\\\"`, ['tab\tnew\nline\\']],
    [`"\\u00e9t\\u00e9"`, ['été']],
    [`"a" 'b'  # a comment`, ['ab']],
    [`r"raw\\n"`, ['raw\\n']],
    [`"unknown \\d escape"`, ['unknown \\d escape']],
  ])('%s', (line, expected) => {
    expect(decodePythonLiteralLine(line)!.map((b) => Buffer.from(b).toString('utf8'))).toEqual(expected);
  });

  it('\\x escapes: Python 2 bytes first, then the UTF-8 of Python 3 text, when they differ', () => {
    expect(decodePythonLiteralLine(`"\\xd2U\\x8d"`)!.map(hex)).toEqual(['d2558d', 'c39255c28d']);
    expect(decodePythonLiteralLine(`"\\x41\\x00"`)!.map(hex)).toEqual(['4100']);
    expect(decodePythonLiteralLine(`b"\\xff\\x00"`)!.map(hex)).toEqual(['ff00']);
  });

  it.each([`+ $scope.gasecret);`, `"unterminated`, `"bad \\x5Y"`, `"text" b"bytes"`, `123`, ``])('%j is not a string literal: skipped', (line) => {
    expect(decodePythonLiteralLine(line)).toBeNull();
  });

  it("agrees with Python's ast.literal_eval on every line of the Flask-Unsign list", () => {
    const python = pythonWith('ast');
    const script = [
      'import ast, sys, json',
      'out = []',
      'for line in open(sys.argv[1], "rb"):',
      '    try:',
      '        v = ast.literal_eval(line.decode().strip())',
      '        out.append(v.encode("utf-8", "surrogatepass").hex() if isinstance(v, str) else (v.hex() if isinstance(v, bytes) else None))',
      '    except Exception:',
      '        out.append(None)',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync(python, ['-W', 'ignore', '-c', script, FLASK_UNSIGN_WORDLIST], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const theirs = JSON.parse(r.stdout) as Array<string | null>;
    const lines = fs.readFileSync(FLASK_UNSIGN_WORDLIST, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    expect(lines.length).toBe(theirs.length);
    const mismatches = lines.flatMap((line, i) => {
      const ours = decodePythonLiteralLine(line.trim());
      // Python 3's reading is always the last form we give.
      const py3 = ours === null ? null : hex(ours.at(-1)!);
      return py3 === theirs[i] ? [] : [`line ${i + 1}: ours ${py3}, Python ${theirs[i]}`];
    });
    expect(mismatches).toEqual([]);
  });
});

describe('the built-in list', () => {
  it("holds today's well-known secrets first, then Flask-Unsign's 56k keys, then zxcvbn's passwords, no duplicates", () => {
    const list = builtInWordlist();
    expect(list.slice(0, 3)).toEqual(WELL_KNOWN_WEAK_SECRETS.slice(0, 3));
    expect(list.length).toBeGreaterThan(100_000);
    const { candidates, skippedLines } = flaskUnsignCandidates();
    expect(candidates.length).toBeGreaterThan(55_000);
    expect(skippedLines).toBe(21);
    expect(builtInList().skippedLines).toBe(21);
    expect(list.indexOf('legends1')).toBeGreaterThan(list.length / 2);
    const keys = new Set(builtInCandidates().map((c) => Buffer.from(c).toString('latin1')));
    expect(keys.size).toBe(builtInCandidates().length);
  });

  it('ships the Flask-Unsign licence beside the list', () => {
    expect(fs.readFileSync(FLASK_UNSIGN_WORDLIST.replace(/all\.txt$/, 'LICENSE.md'), 'utf8')).toContain('MIT License');
  });
});

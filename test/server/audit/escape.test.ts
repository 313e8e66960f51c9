// Printing attacker-controlled text: every unsafe character becomes a visible escape.
import { describe, expect, it } from 'vitest';
import { escapeBytes, escapeText, excerpt, terminalSafeJson } from '../../../server/audit/text/escape';

describe('escaping for the terminal', () => {
  it.each([
    ['plain text, ünïcode ☃ and emoji 🔑', 'plain text, ünïcode ☃ and emoji 🔑'],
    ['\x1b[2J\x07', '\\x1b[2J\\x07'],
    ['a\nb\tc\\', 'a\\nb\\tc\\\\'],
    ['\u009b\u202e\u2028', '\\x9b\\u{202e}\\u{2028}'],
    ['lone \ud800', 'lone \\u{d800}'],
    ['ses\u200bsion\u2060', 'ses\\u{200b}sion\\u{2060}'],
  ])('%j → %j', (input, shown) => {
    expect(escapeText(input)).toBe(shown);
  });

  it('bytes: UTF-8 stays readable, other bytes are \\xNN', () => {
    expect(escapeBytes(Buffer.from('c3a9ff00e282ac', 'hex'))).toBe('é\\xff\\x00€');
  });

  it('an excerpt of bad input is short and escaped', () => {
    expect(excerpt(`${'a'.repeat(100)}\x1b`)).toBe(`"${'a'.repeat(40)}…" (101 characters)`);
  });

  it('JSON output escapes what JSON.stringify leaves raw (C1 controls, bidi marks)', () => {
    expect(terminalSafeJson({ v: '\u009b\u202e\u200d' })).toBe('{"v":"\\u009b\\u202e\\u200d"}');
  });
});

// The built-in wordlist: well-known default, tutorial and framework example
// secrets (what people really ship), then the Flask-Unsign wordlist (56k secret
// keys found in public code; MIT, wordlists/flask-unsign/LICENSE.md), then
// zxcvbn-ts's common passwords. Duplicates are dropped; the first place counts.
import fs from 'node:fs';
import path from 'node:path';
import * as common from '@zxcvbn-ts/language-common';
import { WELL_KNOWN_WEAK_SECRETS } from '../secrets/weak-secrets';
import { decodePythonLiteralLine } from './crack/python-literal';

/** Shipped beside the built module (scripts/build.mjs copies it into dist/). */
export const FLASK_UNSIGN_WORDLIST = path.join(__dirname, 'wordlists', 'flask-unsign', 'all.txt');

export interface BuiltInWordlist {
  candidates: readonly Uint8Array[];
  /** Flask-Unsign lines that are not string literals, skipped. */
  skippedLines: number;
}

let loaded: BuiltInWordlist | undefined;

/** The Flask-Unsign list's candidates in file order, each line read as the Python literal it is. */
export function flaskUnsignCandidates(text = fs.readFileSync(FLASK_UNSIGN_WORDLIST, 'utf8')): { candidates: Uint8Array[]; skippedLines: number } {
  const candidates: Uint8Array[] = [];
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const decoded = decodePythonLiteralLine(line.replace(/\r$/, '').trim());
    if (decoded === null) skippedLines++;
    else candidates.push(...decoded);
  }
  return { candidates, skippedLines };
}

export function builtInList(): BuiltInWordlist {
  if (loaded) return loaded;
  const seen = new Set<string>();
  const candidates: Uint8Array[] = [];
  const add = (bytes: Uint8Array) => {
    const k = Buffer.from(bytes).toString('latin1');
    if (seen.has(k)) return;
    seen.add(k);
    candidates.push(bytes);
  };
  for (const s of WELL_KNOWN_WEAK_SECRETS) add(Buffer.from(s, 'utf8'));
  const flaskUnsign = flaskUnsignCandidates();
  for (const c of flaskUnsign.candidates) add(c);
  for (const s of common.dictionary['passwords-common'] ?? []) add(Buffer.from(s, 'utf8'));
  loaded = { candidates, skippedLines: flaskUnsign.skippedLines };
  return loaded;
}

/** The built-in candidates as bytes, most likely first. */
export function builtInCandidates(): readonly Uint8Array[] {
  return builtInList().candidates;
}

let asText: readonly string[] | undefined;

/** The same list as text, one entry per candidate (bytes that are not UTF-8 show U+FFFD): for lookups and counts. */
export function builtInWordlist(): readonly string[] {
  asText ??= builtInCandidates().map((c) => Buffer.from(c).toString('utf8'));
  return asText;
}

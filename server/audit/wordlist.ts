// The built-in wordlist for cracking cookie-session secrets.
//
// Well-known default, tutorial and framework example secrets first (they are
// what people really ship), then zxcvbn-ts's common-passwords list.
import * as common from '@zxcvbn-ts/language-common';
import { WELL_KNOWN_WEAK_SECRETS } from '../secrets/weak-secrets';

let builtIn: readonly string[] | undefined;

/** De-duplicated candidates, most likely first. */
export function builtInWordlist(): readonly string[] {
  builtIn ??= uniqueCandidates([...WELL_KNOWN_WEAK_SECRETS, ...(common.dictionary['passwords-common'] ?? [])]);
  return builtIn;
}

/** Parses a wordlist file's text: one candidate per line, blank lines skipped. */
export function parseWordlist(text: string): string[] {
  // Only the line ending is stripped: a secret may start or end with spaces.
  return uniqueCandidates(text.split(/\r?\n/).filter((line) => line !== ''));
}

function uniqueCandidates(words: readonly string[]): string[] {
  return [...new Set(words)];
}

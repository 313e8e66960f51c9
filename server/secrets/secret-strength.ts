// Decides whether a signing secret is strong enough to protect sessions.
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';

type ZxcvbnFactory = ZxcvbnCore.ZxcvbnFactory;
import { WELL_KNOWN_WEAK_SECRETS } from './weak-secrets';

export const MIN_SECRET_LENGTH = 32;
// log10 of the guesses zxcvbn estimates an attacker needs. 32 random hex
// characters score 32; anything under 20 is a pattern, a repetition or words
// from a password list padded out to length.
const MIN_GUESSES_LOG10 = 20;

export const HOW_TO_GENERATE =
  "Generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('hex'))\" " +
  '(or leave SESSION_SECRET unset and Session Lab generates and stores one for you).';

const weak = new Set(WELL_KNOWN_WEAK_SECRETS.map(normalise));
let estimator: ZxcvbnFactory | undefined;

function normalise(secret: string): string {
  return secret.trim().toLowerCase();
}

// Required on first use, not imported: the dictionaries cost 30-40 ms of every
// start (npm run bench), and only a configured SESSION_SECRET needs them.
function createEstimator(): ZxcvbnFactory {
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy load, see above */
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof ZxcvbnCore;
  const common = require('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Factory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
}

/** Returns why the secret is unacceptable, or null when it is fine. */
export function secretWeakness(secret: string): string | null {
  if (weak.has(normalise(secret))) {
    return 'it is a well-known default, example or tutorial secret that anyone can guess';
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return `it is ${secret.length} characters long; at least ${MIN_SECRET_LENGTH} are required`;
  }
  // The dictionaries load lazily: only a configured secret ever needs them.
  estimator ??= createEstimator();
  const { guessesLog10 } = estimator.check(secret.slice(0, 256));
  if (guessesLog10 < MIN_GUESSES_LOG10) {
    return 'it is made of repeated characters, sequences or common words and could be guessed';
  }
  return null;
}

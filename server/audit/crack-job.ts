// The crack worker's message protocol, and the job it runs (plain code, testable without a thread).
//
// One job per worker: the parent passes a CrackJob as workerData; the worker
// posts 'progress' messages, then exactly one 'done' or 'error'.
import { performance } from 'node:perf_hooks';
import { crackSecret } from './crack';
import { builtInWordlist } from './wordlist';

/** A signed cookie to crack: `name=value` and its `.sig`. */
export interface CrackJob {
  name: string;
  value: string;
  sig: string;
  /** Post progress every this many candidates (default 1000). */
  progressEvery?: number;
  /** Candidates to try; the built-in wordlist when absent. */
  candidates?: string[];
}

export interface CrackJobProgress {
  tried: number;
  total: number;
  /** Milliseconds spent guessing so far (loading the wordlist not included). */
  elapsedMs: number;
}

export type CrackJobDone = CrackJobProgress & ({ found: true; secret: string } | { found: false; secret: null });

export type CrackWorkerMessage = ({ type: 'progress' } & CrackJobProgress) | ({ type: 'done' } & CrackJobDone) | { type: 'error'; message: string };

// A cookie value or signature longer than a browser would keep is not a real job.
const MAX_FIELD_LENGTH = 4096;

const isText = (value: unknown, max = MAX_FIELD_LENGTH): value is string => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Whether `value` is a job the worker can run; anything else is refused with an 'error'. */
export function isCrackJob(value: unknown): value is CrackJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Record<string, unknown>;
  if (!isText(job.name) || job.name === '' || !isText(job.value) || !isText(job.sig) || job.sig === '') return false;
  if (job.progressEvery !== undefined && (!isCount(job.progressEvery) || job.progressEvery === 0)) return false;
  if (job.candidates !== undefined && !(Array.isArray(job.candidates) && job.candidates.every((c) => typeof c === 'string'))) return false;
  return true;
}

/** Whether `value` is a message the worker protocol allows; the parent trusts nothing else. */
export function isCrackWorkerMessage(value: unknown): value is CrackWorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  const counts = isCount(m.tried) && isCount(m.total) && m.tried <= m.total && typeof m.elapsedMs === 'number' && m.elapsedMs >= 0;
  switch (m.type) {
    case 'progress':
      return counts;
    case 'done':
      return counts && (m.found === true ? typeof m.secret === 'string' : m.found === false && m.secret === null);
    case 'error':
      return typeof m.message === 'string';
    default:
      return false;
  }
}

/** Runs one job, posting progress and then its result; never throws. */
export function runCrackJob(job: unknown, post: (message: CrackWorkerMessage) => void, clock: () => number = () => performance.now()): void {
  if (!isCrackJob(job)) {
    post({ type: 'error', message: 'The crack job is malformed: it needs a cookie name, value and signature.' });
    return;
  }
  try {
    const candidates = job.candidates ?? builtInWordlist();
    const start = clock();
    const elapsed = () => Math.max(0, clock() - start);
    const result = crackSecret(job, candidates, {
      progressEvery: job.progressEvery ?? 1000,
      onProgress: ({ tried, total }) => post({ type: 'progress', tried, total, elapsedMs: elapsed() }),
    });
    const counts = { tried: result.tried, total: candidates.length, elapsedMs: elapsed() };
    post(result.found ? { type: 'done', found: true, secret: result.secret, ...counts } : { type: 'done', found: false, secret: null, ...counts });
  } catch (err) {
    post({ type: 'error', message: `The crack failed: ${err instanceof Error ? err.message : String(err)}` });
  }
}

// Lab I's crack job (a cookie-session cookie and, optionally, its own list) and
// the messages that report it: the shapes main/ and the e2e harness use, now run
// by the auditor's engine (runCrackJob in-thread, crackInWorker on a worker).
import { performance } from 'node:perf_hooks';
import { CrackCore } from './crack/crack-core';
import { nodePrimitives } from './crypto/primitives';
import type { AuditTarget } from './formats/format';
import { builtInCandidates } from './wordlist';

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

export const MALFORMED_JOB = 'The crack job is malformed: it needs a cookie name, value and signature.';

/** Whether `value` is a job the engine can run; anything else is refused with an 'error'. */
export function isCrackJob(value: unknown): value is CrackJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Record<string, unknown>;
  if (!isText(job.name) || job.name === '' || !isText(job.value) || !isText(job.sig) || job.sig === '') return false;
  if (job.progressEvery !== undefined && (!isCount(job.progressEvery) || job.progressEvery === 0)) return false;
  if (job.candidates !== undefined && !(Array.isArray(job.candidates) && job.candidates.every((c) => typeof c === 'string'))) return false;
  return true;
}

/** Whether `value` is a message the protocol allows; a receiver trusts nothing else. */
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

/** The engine's target for a Lab I job: a keygrip (HMAC-SHA1) cookie-session pair. */
export function crackJobTarget(job: CrackJob): AuditTarget {
  return { format: 'cookie-session', name: job.name, value: job.value, signature: job.sig, options: { digest: 'sha1' } };
}

export function crackJobCandidates(job: CrackJob): readonly Uint8Array[] {
  return job.candidates ? job.candidates.map((c) => Buffer.from(c, 'utf8')) : builtInCandidates();
}

/** Runs one job on this thread, posting progress and then its result; never throws. */
export function runCrackJob(job: unknown, post: (message: CrackWorkerMessage) => void, clock: () => number = () => performance.now()): void {
  if (!isCrackJob(job)) {
    post({ type: 'error', message: MALFORMED_JOB });
    return;
  }
  try {
    const candidates = crackJobCandidates(job);
    const total = candidates.length;
    const every = job.progressEvery ?? 1000;
    const core = new CrackCore([crackJobTarget(job)], new Set(['raw']), nodePrimitives);
    const start = clock();
    const elapsed = () => Math.max(0, clock() - start);
    for (let i = 0; i < total && !core.done; i++) {
      const hits = core.tryCandidate(candidates[i]!);
      if (hits) {
        const counts = { tried: i + 1, total, elapsedMs: elapsed() };
        post({ type: 'progress', ...counts });
        post({ type: 'done', found: true, secret: Buffer.from(hits[0]!.candidate).toString('utf8'), ...counts, elapsedMs: elapsed() });
        return;
      }
      if ((i + 1) % every === 0) post({ type: 'progress', tried: i + 1, total, elapsedMs: elapsed() });
    }
    if (total % every !== 0 || total === 0) post({ type: 'progress', tried: total, total, elapsedMs: elapsed() });
    post({ type: 'done', found: false, secret: null, tried: total, total, elapsedMs: elapsed() });
  } catch (err) {
    post({ type: 'error', message: `The crack failed: ${err instanceof Error ? err.message : String(err)}` });
  }
}

// Cracks a Lab I cookie off the caller's thread (the Electron main process, a
// test runner), on the auditor's worker pool with one thread and key forms "raw"
// (the lab's keys are text), keeping the shape main/ and the e2e harness use.
import path from 'node:path';
import type { CrackJob, CrackJobDone, CrackJobProgress } from './crack-job';

/** The built worker beside this file (dist/server/audit/crack-worker.js). */
export const CRACK_WORKER_PATH = path.join(__dirname, 'crack-worker.js');
/** The built-in list takes a fraction of a second; this only stops a stuck worker. */
export const CRACK_TIMEOUT_MS = 60_000;

/** Why a crack gave no answer (cancelled, timed out, worker failed); not "secret not found". */
export class CrackError extends Error {
  override name = 'CrackError';
}

export interface CrackInWorkerOptions {
  onProgress?: (progress: CrackJobProgress) => void;
  /** Where the built worker is; tests running from sources point at dist/. */
  workerPath?: string;
  /** Aborting stops the worker and rejects with a CrackError. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function crackInWorker(job: CrackJob, options: CrackInWorkerOptions = {}): Promise<CrackJobDone> {
  // The pool and the built-in list load on the first crack, not with the server:
  // together they cost about 20 ms of every start (npm run bench, cold start).
  const [{ crackCookies, CrackRunError }, { crackJobCandidates, crackJobTarget, isCrackJob, MALFORMED_JOB }] = await Promise.all([
    import('./crack/crack-pool.js'),
    import('./crack-job.js'),
  ]);
  if (!isCrackJob(job)) throw new CrackError(MALFORMED_JOB);
  if (options.signal?.aborted) throw new CrackError('The crack was cancelled.');
  const timeoutMs = options.timeoutMs ?? CRACK_TIMEOUT_MS;
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, timeoutMs);
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const candidates = crackJobCandidates(job);
  const total = candidates.length;
  try {
    const report = await crackCookies(
      [crackJobTarget(job)],
      { kind: 'list', candidates },
      {
        threads: 1,
        forms: new Set(['raw']),
        batchSize: job.progressEvery ?? 1000,
        workerPath: options.workerPath ?? CRACK_WORKER_PATH,
        signal: stop.signal,
        onProgress: (p) => options.onProgress?.({ tried: p.candidates, total, elapsedMs: p.elapsedMs }),
      },
    );
    if (report.outcome === 'aborted')
      throw new CrackError(timedOut ? `The crack took longer than ${timeoutMs} ms and was stopped.` : 'The crack was cancelled.');
    const hit = report.found[0];
    if (hit)
      return { found: true, secret: Buffer.from(hit.candidate).toString('utf8'), tried: hit.position ?? report.candidates, total, elapsedMs: report.elapsedMs };
    return { found: false, secret: null, tried: total, total, elapsedMs: report.elapsedMs };
  } catch (err) {
    if (err instanceof CrackError) throw err;
    throw new CrackError(err instanceof CrackRunError ? err.message : `The crack failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

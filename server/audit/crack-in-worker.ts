// Cracks a cookie's secret in a worker thread, so the caller's event loop (the
// Electron main process, a test runner) stays free while tens of thousands of
// HMACs are computed.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isCrackWorkerMessage, type CrackJob, type CrackJobDone, type CrackJobProgress } from './crack-job';

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

export function crackInWorker(job: CrackJob, options: CrackInWorkerOptions = {}): Promise<CrackJobDone> {
  const { signal, timeoutMs = CRACK_TIMEOUT_MS } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CrackError('The crack was cancelled.'));
      return;
    }
    const worker = new Worker(options.workerPath ?? CRACK_WORKER_PATH, { workerData: job });
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new CrackError(`The crack took longer than ${timeoutMs} ms and was stopped.`))), timeoutMs);
    const onAbort = (): void => finish(() => reject(new CrackError('The crack was cancelled.')));
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: unknown) => {
      if (!isCrackWorkerMessage(message)) {
        finish(() => reject(new CrackError('The crack worker sent a message outside its protocol.')));
        return;
      }
      switch (message.type) {
        case 'progress':
          if (!settled) options.onProgress?.({ tried: message.tried, total: message.total, elapsedMs: message.elapsedMs });
          break;
        case 'done': {
          const counts = { tried: message.tried, total: message.total, elapsedMs: message.elapsedMs };
          const done: CrackJobDone = message.found ? { found: true, secret: message.secret, ...counts } : { found: false, secret: null, ...counts };
          finish(() => resolve(done));
          break;
        }
        case 'error':
          finish(() => reject(new CrackError(message.message)));
          break;
      }
    });
    worker.on('error', (err) => finish(() => reject(new CrackError(`The crack worker failed: ${err.message}`))));
    worker.on('exit', (code) => finish(() => reject(new CrackError(`The crack worker stopped (exit code ${code}) before answering.`))));
  });
}

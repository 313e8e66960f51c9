// Cracks many cookies in one pass over a wordlist, on worker threads (one per
// core by default), with progress, an AbortSignal and bounded memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { AuditTarget } from '../formats/format';
import { builtInCandidates } from '../wordlist';
import { listBatches, streamBatches, type Batch } from './batches';
import { KEY_FORMS, type KeyForm } from './key-forms';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol';

/** The built worker (dist/server/audit/crack-worker.js); tests that run from sources point at dist/. */
export const CRACK_POOL_WORKER = path.join(__dirname, '..', 'crack-worker.js');

export type CandidateSource =
  | { kind: 'built-in' }
  | { kind: 'list'; candidates: readonly Uint8Array[] }
  /** A wordlist file or stdin, read as raw bytes; `bytesTotal` when known (a regular file). */
  | { kind: 'stream'; stream: AsyncIterable<Buffer | Uint8Array>; bytesTotal: number | null };

export interface CrackProgress {
  /** Candidates (lines) tried. */
  candidates: number;
  /** Keys tried: each form of each candidate. */
  keys: number;
  /** Candidates in the list, when known. */
  total: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  elapsedMs: number;
  keysPerSecond: number;
  /** Estimated time left, when the list's size is known. */
  etaMs: number | null;
  /** Cookies cracked so far. */
  found: number;
}

export interface CrackFound {
  target: number;
  candidate: Uint8Array;
  form: KeyForm;
  key: Uint8Array;
  variant: string;
  /** 1-based: the candidate's rank in a list, or its line in a wordlist file; null if not settled when the run stopped. */
  position: number | null;
}

export interface CrackReport {
  found: CrackFound[];
  candidates: number;
  keys: number;
  overlong: number;
  total: number | null;
  elapsedMs: number;
  keysPerSecond: number;
  /**
   * From the call until every worker was ready for batches (threads started, the
   * engine and its kernels loaded): a fixed cost per run, paid before the first
   * guess. elapsedMs includes it; the bench reports the rate without it.
   */
  startupMs: number;
  threads: number;
  outcome: 'exhausted' | 'all-found' | 'aborted';
}

export interface CrackOptions {
  forms?: ReadonlySet<KeyForm>;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (progress: CrackProgress) => void;
  /** At most one progress event per this many ms (0: after every batch). */
  progressIntervalMs?: number;
  /** Candidates per batch for lists in memory. */
  batchSize?: number;
  workerPath?: string;
}

/** Why a crack could not run at all (a worker failed, the list is unreadable); not "not found". */
export class CrackRunError extends Error {
  override name = 'CrackRunError';
}

// PBKDF2 formats cost ~1000× more per key: smaller batches keep progress and Ctrl-C prompt.
const slow = (targets: readonly AuditTarget[]) => targets.some((t) => t.format === 'rails');

// A worker holds one batch and its cookies; a bounded heap keeps a long run's RSS flat.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 };

export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism());
}

export async function crackCookies(targets: readonly AuditTarget[], source: CandidateSource, options: CrackOptions = {}): Promise<CrackReport> {
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(), 64));
  const forms = [...(options.forms ?? new Set(KEY_FORMS))];
  const batchSize = options.batchSize ?? (slow(targets) ? 64 : 2048);
  const list = source.kind === 'built-in' ? builtInCandidates() : source.kind === 'list' ? source.candidates : null;
  const total = list?.length ?? null;
  const bytesTotal = source.kind === 'stream' ? source.bytesTotal : null;
  const chunkBytes = slow(targets) ? 8 * 1024 : 256 * 1024;
  // Chunk buffers go to a worker and come back with its answer; at most 2 × threads + 1 exist.
  const pool: ArrayBuffer[] = [];
  const take = () => pool.pop() ?? new ArrayBuffer(chunkBytes);
  const batches: AsyncIterator<Batch> | Iterator<Batch> =
    source.kind === 'stream' ? streamBatches(source.stream, chunkBytes, take) : listBatches(list ?? [], batchSize);

  const setup: WorkerSetup = { targets: [...targets], forms };
  const workerPath = options.workerPath ?? CRACK_POOL_WORKER;
  const started = performance.now();
  const state = { candidates: 0, keys: 0, overlong: 0, bytesRead: 0 };
  const found = new Map<number, CrackFound>();
  // Per lines-batch: the lines before it (skipped ones included) and its own, to turn a hit's index into a line number.
  const linesBySeq: Array<{ skipped: number; lines: number | null }> = [];
  const pendingLineHits: Array<{ seq: number; index: number; hit: CrackFound }> = [];
  let lastProgress = -Infinity;
  let readyWorkers = 0;
  let startupMs: number | null = null;

  return new Promise<CrackReport>((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    let exhausted = false;
    let inFlight = 0;
    let seq = 0;
    let pulling: Promise<void> = Promise.resolve();

    const elapsed = () => performance.now() - started;
    const progress = (force = false): void => {
      if (!options.onProgress) return;
      const now = elapsed();
      if (!force && now - lastProgress < (options.progressIntervalMs ?? 0)) return;
      lastProgress = now;
      const rate = now > 0 ? (state.keys / now) * 1000 : 0;
      const fraction = total !== null ? state.candidates / Math.max(1, total) : bytesTotal ? state.bytesRead / bytesTotal : null;
      const etaMs = fraction !== null && fraction > 0 ? (now / fraction) * (1 - fraction) : null;
      options.onProgress({
        candidates: state.candidates,
        keys: state.keys,
        total,
        bytesRead: state.bytesRead,
        bytesTotal,
        elapsedMs: now,
        keysPerSecond: rate,
        etaMs,
        found: found.size,
      });
    };
    const finish = (outcome: CrackReport['outcome'] | Error): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (outcome instanceof Error) {
        reject(outcome);
        return;
      }
      settleLinePositions();
      const ms = elapsed();
      resolve({
        found: [...found.values()].sort((a, b) => a.target - b.target),
        candidates: state.candidates,
        keys: state.keys,
        overlong: state.overlong,
        total,
        elapsedMs: ms,
        keysPerSecond: ms > 0 ? (state.keys / ms) * 1000 : 0,
        startupMs: startupMs ?? ms,
        threads,
        outcome,
      });
    };
    const settleLinePositions = (): void => {
      for (const p of pendingLineHits) {
        let before = 0;
        let known = true;
        for (let s = 0; s < p.seq; s++) {
          const entry = linesBySeq[s];
          if (entry === undefined || entry.lines === null) {
            known = false;
            break;
          }
          before += entry.skipped + entry.lines;
        }
        p.hit.position = known ? before + (linesBySeq[p.seq]?.skipped ?? 0) + p.index + 1 : null;
      }
    };
    const onAbort = (): void => finish('aborted');
    if (options.signal?.aborted) {
      finish('aborted');
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const feed = (worker: Worker): void => {
      pulling = pulling.then(async () => {
        if (settled) return;
        let next: IteratorResult<Batch>;
        try {
          next = await batches.next();
        } catch (err) {
          finish(err instanceof Error ? err : new CrackRunError(String(err)));
          return;
        }
        if (settled) return;
        if (next.done) {
          exhausted = true;
          if (inFlight === 0) finish(found.size === targets.length ? 'all-found' : 'exhausted');
          return;
        }
        const batch = next.value;
        const s = seq++;
        if (batch.kind === 'lines') {
          linesBySeq[s] = { skipped: batch.skippedLines, lines: null };
          state.overlong += batch.skippedLines;
          state.bytesRead = batch.bytesRead;
        } else linesBySeq[s] = { skipped: 0, lines: batch.count };
        inFlight++;
        const message: ToWorker = { type: 'batch', seq: s, ...batch };
        worker.postMessage(message, [batch.buffer]);
      });
    };

    const onMessage = (worker: Worker, m: FromWorker): void => {
      if (settled) return;
      if (m.type === 'error') {
        finish(new CrackRunError(`The crack worker failed: ${m.message}`));
        return;
      }
      if (m.type === 'ready') {
        if (++readyWorkers === threads) startupMs = elapsed();
        // Two batches each: the next one is already waiting when a worker finishes one.
        feed(worker);
        feed(worker);
        return;
      }
      inFlight--;
      if (m.buffer) pool.push(m.buffer);
      state.candidates += m.candidates;
      state.keys += m.keys;
      state.overlong += m.overlong;
      const entry = linesBySeq[m.seq];
      if (entry && entry.lines === null) entry.lines = m.lines;
      for (const h of m.hits) {
        if (found.has(h.target)) continue;
        const packedBase = entry && list ? m.seq * batchSize : null;
        const hit: CrackFound = {
          target: h.target,
          candidate: h.candidate,
          form: h.form,
          key: h.key,
          variant: h.variant,
          position: packedBase !== null ? packedBase + h.index + 1 : null,
        };
        found.set(h.target, hit);
        if (packedBase === null) pendingLineHits.push({ seq: m.seq, index: h.index, hit });
        for (const w of workers) w.postMessage({ type: 'solved', target: h.target } satisfies ToWorker);
      }
      progress(m.hits.length > 0);
      if (found.size === targets.length) finish('all-found');
      else if (exhausted && inFlight === 0) finish('exhausted');
      else feed(worker);
    };

    for (let i = 0; i < threads; i++) {
      let worker: Worker;
      try {
        worker = new Worker(workerPath, { workerData: setup, resourceLimits: WORKER_LIMITS });
      } catch (err) {
        finish(new CrackRunError(`The crack worker failed: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      workers.push(worker);
      worker.on('message', (m: FromWorker) => onMessage(worker, m));
      worker.on('error', (err) => finish(new CrackRunError(`The crack worker failed: ${err.message}`)));
      worker.on('exit', (code) => finish(new CrackRunError(`The crack worker stopped (exit code ${code}) before answering.`)));
    }
  });
}

/** A wordlist file (or "-" for stdin) as a crack source, read as raw bytes. */
export function wordlistSource(file: string, stdin: NodeJS.ReadableStream = process.stdin): CandidateSource {
  if (file === '-') return { kind: 'stream', stream: stdin as AsyncIterable<Buffer>, bytesTotal: null };
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new CrackRunError(`${file} is a directory, not a wordlist.`);
  return { kind: 'stream', stream: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), bytesTotal: stat.isFile() ? stat.size : null };
}

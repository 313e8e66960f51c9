// Worker thread entry for cracking (built to dist/server/audit/crack-worker.js):
// tries the batches its pool sends against the cookies it was given.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { forEachLine, forEachPacked } from './crack/batches';
import { CrackCore } from './crack/crack-core';
import type { FromWorker, ToWorker, WorkerHit, WorkerSetup } from './crack/worker-protocol';
import { loadCrackPrimitives } from './crypto/crack-primitives';

if (isMainThread || parentPort === null) {
  throw new Error('crack-worker.js runs only as a worker thread (see crack/crack-pool.ts).');
}
const port = parentPort;
const post = (m: FromWorker) => port.postMessage(m);

async function main(): Promise<void> {
  const setup = workerData as WorkerSetup;
  const core = new CrackCore(setup.targets, new Set(setup.forms), await loadCrackPrimitives());
  port.on('message', (m: ToWorker) => {
    try {
      if (m.type === 'solved') {
        core.markSolved(m.target);
        return;
      }
      const keysBefore = core.keys;
      const hits: WorkerHit[] = [];
      const each = (candidate: Uint8Array, index: number): boolean => {
        const found = core.tryCandidate(candidate);
        if (found) for (const h of found) hits.push({ ...h, index });
        return core.done;
      };
      let candidates: number;
      let lines = 0;
      let overlong = 0;
      if (m.kind === 'packed') candidates = core.done ? 0 : forEachPacked(m.buffer, each);
      else {
        const counts = core.done ? { lines: 0, candidates: 0, overlong: 0 } : forEachLine(m.buffer, m.length, each);
        ({ candidates, lines, overlong } = counts);
      }
      const back = m.kind === 'lines' ? m.buffer : null;
      const done: FromWorker = { type: 'done', seq: m.seq, candidates, keys: core.keys - keysBefore, lines, overlong, hits, buffer: back };
      port.postMessage(done, back ? [back] : []);
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
  post({ type: 'ready' });
}

main().catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));

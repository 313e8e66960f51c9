// Worker thread entry: runs one crack job (workerData) off the caller's thread.
// Built to dist/server/audit/crack-worker.js and started by crack-in-worker.ts.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCrackJob } from './crack-job';

if (isMainThread || parentPort === null) {
  throw new Error('crack-worker.js runs only as a worker thread (see crack-in-worker.ts).');
}
const port = parentPort;
runCrackJob(workerData, (message) => port.postMessage(message));

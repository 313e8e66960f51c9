// Cracking from the tests: the engine's worker pool on the built worker
// (dist/server/audit/crack-worker.js; npm test builds first) and the built-in list.
import fs from 'node:fs';
import path from 'node:path';
import { crackCookies, type CandidateSource, type CrackReport } from '../../server/audit/crack/crack-pool';
import type { KeyForm } from '../../server/audit/crack/key-forms';
import { toPlain } from '../../server/audit/codec/json-tree';
import type { AuditTarget, PayloadView } from '../../server/audit/formats/format';

export const BUILT_CRACK_POOL_WORKER = path.resolve('dist/server/audit/crack-worker.js');

export function crack(targets: AuditTarget[], source: CandidateSource = { kind: 'built-in' }, forms?: KeyForm[]): Promise<CrackReport> {
  if (!fs.existsSync(BUILT_CRACK_POOL_WORKER))
    throw new Error(`The crack worker is not built at ${BUILT_CRACK_POOL_WORKER}: run "node scripts/build.mjs" first (npm test does).`);
  return crackCookies(targets, source, { workerPath: BUILT_CRACK_POOL_WORKER, threads: 2, ...(forms ? { forms: new Set(forms) } : {}) });
}

export const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));

/** A payload view that must be JSON, as plain data. */
export function jsonOf(view: PayloadView): unknown {
  if (view.kind !== 'json') throw new Error(`Expected a JSON payload, got ${view.kind}.`);
  return toPlain(view.tree);
}

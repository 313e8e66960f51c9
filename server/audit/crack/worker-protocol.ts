// Messages between the crack pool and its worker threads (crack-worker.ts).
import type { AuditTarget } from '../formats/format';
import type { Batch } from './batches';
import type { KeyForm } from './key-forms';

export interface WorkerSetup {
  targets: AuditTarget[];
  forms: KeyForm[];
}

export type ToWorker = ({ type: 'batch'; seq: number } & Batch) | { type: 'solved'; target: number };

export interface WorkerHit {
  target: number;
  /** Index of the candidate in a packed batch, or line index in a lines batch. */
  index: number;
  candidate: Uint8Array;
  form: KeyForm;
  key: Uint8Array;
  variant: string;
}

export type FromWorker =
  | { type: 'ready' }
  /** `buffer`: a lines batch's buffer, handed back for reuse. */
  | { type: 'done'; seq: number; candidates: number; keys: number; lines: number; overlong: number; hits: WorkerHit[]; buffer: ArrayBuffer | null }
  | { type: 'error'; message: string };

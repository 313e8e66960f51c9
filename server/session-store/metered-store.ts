// Puts every store behind the same front: each request's reads and writes
// counted (Lab III's cost card, the Session-Lab-Store header), each record held
// to MAX_RECORD_BYTES, each call bounded in time, and each failure turned into
// a status and a sentence (503 when the store cannot be reached), never a 500.
import { AsyncLocalStorage } from 'node:async_hooks';
import session, { type SessionData, type Store } from 'express-session';
import { errorMessage, type SessionStoreView } from '../../contract';
import { HttpError } from '../http/http-error';
import { MAX_RECORD_BYTES, StoreLimitError } from './session-store';

/** A store call not answered by then fails the request with a 503 (a hung Redis must not hang the server). */
export const STORE_TIMEOUT_MS = 2000;

/** What the store did for one request. */
export interface StoreOps {
  reads: number;
  writes: number;
  /** Time spent waiting on the store. */
  ms: number;
  /** The ID whose record the request's read found, if it found one. */
  found: string | null;
}

const requestOps = new AsyncLocalStorage<StoreOps>();

export function newStoreOps(): StoreOps {
  return { reads: 0, writes: 0, ms: 0, found: null };
}

/** Runs `work` (the rest of a request) with store calls counted into `ops`. */
export function meterRequest(ops: StoreOps, work: () => void): void {
  requestOps.run(ops, work);
}

/** Header value: "reads=1 writes=1 ms=0.21". */
export function storeOpsText(ops: StoreOps): string {
  return `reads=${ops.reads} writes=${ops.writes} ms=${ops.ms.toFixed(2)}`;
}

type Callback<T = void> = (err?: unknown, value?: T) => void;

export interface MeteredStoreOptions {
  view: SessionStoreView;
  maxRecordBytes?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
}

/** The cause of a store failure goes to the log (once in a while), the sentence to the person. */
function failure(err: unknown, doing: 'read' | 'save' | 'end', view: SessionStoreView, log: (message: string) => void): HttpError {
  if (err instanceof StoreLimitError) return new HttpError(err.status, err.message);
  log(`Session Lab: the session store (${view.description}) failed to ${doing} a session: ${errorMessage(err)}`);
  const what =
    doing === 'read'
      ? 'Session Lab cannot read your session'
      : doing === 'save'
        ? 'Session Lab could not save your session, so this request was not completed'
        : 'Session Lab could not end your session';
  return new HttpError(503, `${what}: the session store (${view.description}) is not answering. Try again in a moment.`);
}

export class MeteredStore extends session.Store {
  private readonly maxRecordBytes: number;
  private readonly timeoutMs: number;
  private readonly log: (message: string) => void;
  private lastLogged = 0;

  constructor(
    private readonly inner: Store,
    readonly view: SessionStoreView,
    options: Omit<MeteredStoreOptions, 'view'> = {},
  ) {
    super();
    this.maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
    this.timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
    const log = options.log ?? console.error;
    // An outage fails every request: one line every ten seconds says so.
    this.log = (message) => {
      const now = Date.now();
      if (now - this.lastLogged < 10_000) return;
      this.lastLogged = now;
      log(message);
    };
  }

  /** Calls the inner store once, counted and timed; answers `callback` once, with the store's answer or a sentence. */
  private call<T>(
    kind: 'reads' | 'writes',
    doing: 'read' | 'save' | 'end',
    run: (done: Callback<T>) => void,
    callback: Callback<T>,
    onAnswer?: (value: T | undefined) => void,
  ): void {
    const ops = requestOps.getStore();
    if (ops) ops[kind] += 1;
    const started = performance.now();
    let answered = false;
    const answer = (err: unknown, value?: T): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (ops) ops.ms += performance.now() - started;
      if (err) return callback(failure(err, doing, this.view, this.log));
      onAnswer?.(value);
      callback(null, value);
    };
    const timer = setTimeout(() => answer(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    try {
      run(answer);
    } catch (err) {
      answer(err);
    }
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.call<SessionData | null>(
      'reads',
      'read',
      (done) => this.inner.get(sid, done),
      callback,
      (found) => {
        const ops = requestOps.getStore();
        if (ops && found) ops.found = sid;
      },
    );
  }

  override set(sid: string, record: SessionData, callback: Callback = () => undefined): void {
    const bytes = Buffer.byteLength(JSON.stringify(record));
    if (bytes > this.maxRecordBytes) {
      callback(
        new HttpError(
          413,
          `The session would hold ${bytes.toLocaleString('en-US')} bytes; the store keeps at most ${this.maxRecordBytes.toLocaleString('en-US')} per session. Nothing was changed.`,
        ),
      );
      return;
    }
    this.call('writes', 'save', (done) => this.inner.set(sid, record, done), callback);
  }

  override destroy(sid: string, callback: Callback = () => undefined): void {
    this.call('writes', 'end', (done) => this.inner.destroy(sid, done), callback);
  }

  /** Counts and bounds a call the engine makes to the store's handle directly ("log out everywhere"). */
  metered<T>(kind: 'reads' | 'writes', doing: 'read' | 'save' | 'end', work: () => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.call<T>(
        kind,
        doing,
        (done) =>
          void work().then(
            (value) => done(null, value),
            (err: unknown) => done(err ?? new Error('failed')),
          ),
        (err, value) => (err ? reject(err as Error) : resolve(value as T)),
      );
    });
  }
}

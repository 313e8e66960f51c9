// Candidates cut into batches for the worker threads, in bounded memory.
//
// A list already in memory (the built-in one) is packed: a count, offsets, bytes,
// so a candidate may hold any byte, newlines included. A wordlist file or stdin
// is passed on as raw chunks that end on a line boundary; the workers split
// them, so the reading thread only looks for the last newline. A line longer
// than MAX_LINE_BYTES is skipped and counted; one longer than MAX_RUN_BYTES
// (/dev/zero, a binary file) ends the run with a CrackSourceError.

export const MAX_LINE_BYTES = 4096;
export const MAX_RUN_BYTES = 1024 * 1024;

export class CrackSourceError extends Error {
  override name = 'CrackSourceError';
}

export type Batch =
  | { kind: 'packed'; buffer: ArrayBuffer; count: number; base: number }
  /**
   * `length` bytes of `buffer` (a pooled buffer, handed back by the worker and
   * reused, so a long run allocates nothing per chunk); `skippedLines`: over-long
   * lines the reader dropped just before this chunk.
   */
  | { kind: 'lines'; buffer: ArrayBuffer; length: number; skippedLines: number; bytesRead: number };

export function packCandidates(candidates: readonly Uint8Array[], start: number, end: number): ArrayBuffer {
  const count = end - start;
  let bytes = 0;
  for (let i = start; i < end; i++) bytes += candidates[i]!.length;
  const header = 4 * (count + 2);
  const buffer = new ArrayBuffer(header + bytes);
  const view = new Uint32Array(buffer, 0, count + 2);
  const body = new Uint8Array(buffer, header);
  view[0] = count;
  let at = 0;
  for (let i = start; i < end; i++) {
    view[1 + i - start] = at;
    body.set(candidates[i]!, at);
    at += candidates[i]!.length;
  }
  view[count + 1] = at;
  return buffer;
}

/** Calls `each` with every packed candidate; stops when it returns true. */
export function forEachPacked(buffer: ArrayBuffer, each: (candidate: Uint8Array, index: number) => boolean): number {
  const count = new Uint32Array(buffer, 0, 1)[0]!;
  const offsets = new Uint32Array(buffer, 4, count + 1);
  const body = new Uint8Array(buffer, 4 * (count + 2));
  for (let i = 0; i < count; i++) if (each(body.subarray(offsets[i]!, offsets[i + 1]!), i)) return i + 1;
  return count;
}

export interface LineCounts {
  /** Lines seen (every newline-separated segment, the last one even without a newline). */
  lines: number;
  candidates: number;
  overlong: number;
}

/** Calls `each` with every candidate line of a chunk (CR stripped, empty and over-long lines skipped). */
export function forEachLine(buffer: ArrayBuffer, length: number, each: (candidate: Uint8Array, line: number) => boolean): LineCounts {
  const bytes = Buffer.from(buffer, 0, length);
  const counts: LineCounts = { lines: 0, candidates: 0, overlong: 0 };
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    const next = end < 0 ? bytes.length : end + 1;
    if (end < 0) end = bytes.length;
    const line = counts.lines++;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 13) stop--;
    if (stop - start > MAX_LINE_BYTES) counts.overlong++;
    else if (stop > start) {
      counts.candidates++;
      if (each(bytes.subarray(start, stop), line)) return counts;
    }
    start = next;
  }
  return counts;
}

/** Batches of a list in memory. */
export function* listBatches(candidates: readonly Uint8Array[], size: number): Generator<Batch> {
  for (let base = 0; base < candidates.length; base += size) {
    const end = Math.min(candidates.length, base + size);
    yield { kind: 'packed', buffer: packCandidates(candidates, base, end), count: end - base, base };
  }
}

const tooLong = () =>
  new CrackSourceError(`The wordlist has a line longer than ${MAX_RUN_BYTES / 1024 / 1024} MiB: that is not a wordlist (a device or a binary file?).`);

/** Line-aligned chunks of a byte stream, each at most `maxBytes`, copied into buffers from `take` (capacity ≥ maxBytes). */
export async function* streamBatches(stream: AsyncIterable<Buffer | Uint8Array>, maxBytes: number, take: () => ArrayBuffer): AsyncGenerator<Batch> {
  // The unfinished last line of the previous chunk (at most MAX_LINE_BYTES, or we are skipping it).
  let carry = Buffer.alloc(0);
  let skipping = false;
  let skippedRun = 0;
  let skippedLines = 0;
  let bytesRead = 0;
  const emit = (pieces: Buffer[]): Batch => {
    const buffer = take();
    const target = new Uint8Array(buffer);
    let length = 0;
    for (const p of pieces) {
      target.set(p, length);
      length += p.length;
    }
    const batch: Batch = { kind: 'lines', buffer, length, skippedLines, bytesRead };
    skippedLines = 0;
    return batch;
  };
  for await (const piece of stream) {
    let chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
    bytesRead += chunk.length;
    if (skipping) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        skippedRun += chunk.length;
        if (skippedRun > MAX_RUN_BYTES) throw tooLong();
        continue;
      }
      skipping = false;
      skippedLines++;
      chunk = chunk.subarray(nl + 1);
    }
    while (chunk.length > 0) {
      const room = maxBytes - carry.length;
      const cut = chunk.lastIndexOf(10, Math.min(chunk.length, room) - 1);
      if (cut < 0) {
        // No line ends within reach: the line grows past what a candidate may be.
        if (carry.length + chunk.length > MAX_LINE_BYTES) {
          skipping = true;
          skippedRun = carry.length + chunk.length;
          carry = Buffer.alloc(0);
          if (skippedRun > MAX_RUN_BYTES) throw tooLong();
        } else carry = Buffer.concat([carry, chunk]);
        break;
      }
      yield emit([carry, chunk.subarray(0, cut + 1)]);
      carry = Buffer.alloc(0);
      chunk = chunk.subarray(cut + 1);
    }
  }
  if (!skipping && carry.length > 0) yield emit([carry]);
  else if (skipping) skippedLines++;
  if (skippedLines > 0) yield emit([]);
}

// Cutting a wordlist stream into line-aligned chunks: every line arrives once,
// whatever the chunk boundaries, and over-long lines are skipped and counted.
import { describe, expect, it } from 'vitest';
import { forEachLine, MAX_LINE_BYTES, streamBatches, type Batch } from '../../../server/audit/crack/batches';

async function lines(pieces: Buffer[], maxBytes = 64): Promise<{ lines: string[]; overlong: number; buffers: number }> {
  const got: string[] = [];
  let overlong = 0;
  const pool: ArrayBuffer[] = [];
  let made = 0;
  const take = () => pool.pop() ?? (made++, new ArrayBuffer(maxBytes + MAX_LINE_BYTES));
  async function* stream() {
    for (const p of pieces) yield p;
  }
  for await (const batch of streamBatches(stream(), maxBytes, take)) {
    const b = batch as Extract<Batch, { kind: 'lines' }>;
    overlong += b.skippedLines;
    const counts = forEachLine(b.buffer, b.length, (c) => (got.push(Buffer.from(c).toString('latin1')), false));
    overlong += counts.overlong;
    pool.push(b.buffer); // as the worker hands it back
  }
  return { lines: got, overlong, buffers: made };
}

describe('wordlist chunks', () => {
  it('lines split across chunks, CRLF at a boundary and a last line without newline all arrive whole', async () => {
    const text = 'alpha\r\nbeta\ngam' + 'ma\r' + '\ndelta\n\nepsilon';
    const pieces = [Buffer.from(text.slice(0, 9)), Buffer.from(text.slice(9, 17)), Buffer.from(text.slice(17))];
    expect((await lines(pieces)).lines).toEqual(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
  });

  it('many chunks reuse a couple of buffers: memory does not grow with the list', async () => {
    const pieces = Array.from({ length: 500 }, (_, i) => Buffer.from(`word-${i}\n`.repeat(5)));
    const r = await lines(pieces);
    expect(r.lines).toHaveLength(2500);
    expect(r.buffers).toBeLessThanOrEqual(2);
  });

  it('an over-long line is skipped and counted, inside a chunk or spanning many', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES + 1);
    const inside = await lines([Buffer.from(`a\n${long}\nb\n`)], 16 * 1024);
    expect(inside).toMatchObject({ lines: ['a', 'b'], overlong: 1 });
    const spanning = await lines([Buffer.from('a\nxx'), ...Array.from({ length: 100 }, () => Buffer.from('x'.repeat(100))), Buffer.from('x\nb\n')]);
    expect(spanning).toMatchObject({ lines: ['a', 'b'], overlong: 1 });
  });

  it('a line longer than 1 MiB ends the run with a clear error', async () => {
    const zeros = Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024));
    await expect(lines(zeros)).rejects.toThrow('The wordlist has a line longer than 1 MiB: that is not a wordlist (a device or a binary file?).');
  });
});

// The bench's output: a table on stdout and the same figures as JSON.
import fs from 'node:fs';
import path from 'node:path';

export interface Row {
  figure: string;
  value: string;
  budget?: string;
  /** null: for context only, no budget. */
  pass?: boolean | null;
}

export function printTable(title: string, rows: readonly Row[]): void {
  const cells = rows.map((r) => [r.figure, r.value, r.budget ?? '', r.pass === undefined || r.pass === null ? '' : r.pass ? 'PASS' : 'MISS']);
  const header = ['Figure', 'Value', 'Budget', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

export function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

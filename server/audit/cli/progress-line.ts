// The crack's progress on stderr when it is a terminal: one line, rewritten in place.
import type { CrackProgress } from '../crack/crack-pool';
import { count } from './cli-output';

const seconds = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

export function progressText(p: CrackProgress): string {
  const tried = p.total !== null ? `${count(p.candidates)}/${count(p.total)} tried` : `${count(p.candidates)} tried`;
  const share = p.total === null && p.bytesTotal ? ` (${Math.floor((100 * p.bytesRead) / p.bytesTotal)} % of the file)` : '';
  const eta = p.etaMs === null ? '' : ` · ETA ${seconds(p.etaMs)}`;
  const found = p.found > 0 ? ` · ${p.found} found` : '';
  return `${tried}${share} · ${count(p.keysPerSecond)} keys/s${eta}${found}`;
}

export class ProgressLine {
  private shown = false;
  constructor(private readonly write: (s: string) => void) {}
  update(p: CrackProgress): void {
    this.write(`\r${progressText(p)}\x1b[K`);
    this.shown = true;
  }
  clear(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}

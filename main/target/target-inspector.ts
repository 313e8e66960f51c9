// The inspector for the Your app partition: its jar (every origin), each cookie
// decoded and checked, the typed key, the weak-key crack, clearing and the report.
// Plain logic over the partition's Electron-shaped pieces and a report saver.
import type { CookieRow, ExportOutcome, JarChange, KeyEncoding, ReportFormat, TargetCrackOutcome, TargetCrackProgress, TargetInspection } from '../../contract';
import { loadAuditEngine } from '../../server';
import { watchCookies, type CookieStore } from '../jar/cookie-jar';
import { toCookieRow } from '../jar/cookie-rows';
import { crackTargets, readCookies, readJar } from './target-cookies';
import { createTypedKey, createWeakKeyCracker, typedKeyVerbs, type CrackRun } from '../audit/audit-keys';
import { buildReport, reportFileName } from './target-report';

/** The partition's own pieces: `session.cookies`, and clearing all it stores. */
export interface TargetPartitionData {
  cookies: CookieStore;
  /** Removes every cookie and every origin's storage (local storage, IndexedDB, cache…). */
  clearData(): Promise<void>;
}

/** Where a report goes: main's save dialog in the app, a path of the test's in the harness. */
export interface ReportSaver {
  /** The path the person chose, or null when they cancelled. */
  choosePath(suggestedName: string, format: ReportFormat): Promise<string | null>;
  write(filePath: string, text: string): Promise<void>;
}

export interface TargetInspectorOptions {
  partition: TargetPartitionData;
  crack: CrackRun;
  onCrackProgress(progress: TargetCrackProgress): void;
  saver: ReportSaver;
  /** The origins the view visited, for the report. */
  visited(): string[];
  /** The address the view shows, for the report. */
  pageUrl(): string;
  now?: () => number;
}

export interface TargetInspector {
  inspect(): Promise<TargetInspection>;
  setKey(text: string, encoding: KeyEncoding): Promise<TargetInspection>;
  forgetKey(): Promise<TargetInspection>;
  crack(): Promise<TargetCrackOutcome>;
  stopCrack(): void;
  clear(): Promise<void>;
  exportReport(format: ReportFormat): Promise<ExportOutcome>;
  /** Grouped changes to every cookie of the partition; returns an unsubscribe. */
  watch(listener: (changes: JarChange[]) => void): () => void;
  /** At quit or detach: stop a crack and forget the typed key. */
  close(): void;
}

/** Every cookie of the partition, in a stable order: domain, name, then most specific path. */
export async function partitionRows(store: CookieStore): Promise<CookieRow[]> {
  const rows = (await store.get({})).map(toCookieRow);
  const bare = (d: string) => d.replace(/^\./, '');
  return rows.sort((a, b) => bare(a.domain).localeCompare(bare(b.domain)) || a.name.localeCompare(b.name) || b.path.length - a.path.length);
}

export function createTargetInspector(options: TargetInspectorOptions): TargetInspector {
  const { partition } = options;
  const now = options.now ?? Date.now;
  const key = createTypedKey();
  const cracker = createWeakKeyCracker(options.crack, options.onCrackProgress);

  // The engine loads with the tab's first reading, not with the app.
  const read = async () => {
    const [engine, rows] = await Promise.all([loadAuditEngine(), partitionRows(partition.cookies)]);
    return { engine, cookies: readCookies(engine, rows) };
  };

  const inspect = async (): Promise<TargetInspection> => {
    const { engine, cookies } = await read();
    return {
      ...readJar(engine, cookies, { typedKey: key.bytes(), found: cracker.found(), visited: options.visited(), now: now() / 1000 }),
      key: key.status(),
      cracking: cracker.running(),
      lastCrack: cracker.last(),
      visited: options.visited(),
    };
  };

  return {
    inspect,
    ...typedKeyVerbs(key, inspect),
    async crack() {
      // A second call while one runs is refused by the cracker, which marks itself busy before it awaits anything.
      return cracker.crack(crackTargets((await read()).cookies));
    },
    stopCrack: () => cracker.stop(),
    clear: () => partition.clearData(),
    async exportReport(format) {
      const inspection = await inspect();
      const time = now();
      const text = buildReport({ inspection, url: options.pageUrl(), time }, format);
      const filePath = await options.saver.choosePath(reportFileName(options.pageUrl(), format, time), format);
      if (filePath === null) return { saved: false };
      await options.saver.write(filePath, text);
      return { saved: true, fileName: filePath.split(/[\\/]/).pop() ?? filePath, bytes: Buffer.byteLength(text), cookies: inspection.cookies.length };
    },
    watch: (listener) => watchCookies(partition.cookies, () => true, listener),
    close() {
      cracker.stop();
      key.forget();
    },
  };
}

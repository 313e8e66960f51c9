// The parts the to-do database's safety rests on: waiting out another connection's lock, and setting files aside whole.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { retryWhileBusy } from '../../../server/todos/sqlite-busy';
import { setAside } from '../../../server/todos/todo-db-files';
import { tempDir } from '../../support/temp-dir';

describe('retryWhileBusy', () => {
  function lockedDatabase(): { file: string; release: () => void } {
    const file = path.join(tempDir(), 'db.sqlite');
    const holder = new DatabaseSync(file);
    holder.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);');
    return { file, release: () => (holder.exec('COMMIT'), holder.close()) };
  }

  it('tries again while another connection holds the write lock, and succeeds once it is let go', async () => {
    const { file, release } = lockedDatabase();
    const db = new DatabaseSync(file, { timeout: 0 });
    let attempts = 0;
    setTimeout(release, 100);
    const done = await retryWhileBusy(
      () => {
        attempts++;
        db.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT;');
        return 'written';
      },
      2000,
      () => new Error('gave up'),
    );
    expect(done).toBe('written');
    expect(attempts).toBeGreaterThan(1);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()?.n).toBe(2);
    db.close();
  });

  it('gives up after the wait it was given, with the error it was given, and keeps the event loop free meanwhile', async () => {
    const { file, release } = lockedDatabase();
    const db = new DatabaseSync(file, { timeout: 0 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    await expect(
      retryWhileBusy(
        () => db.exec('BEGIN IMMEDIATE'),
        300,
        () => new Error('still locked'),
      ),
    ).rejects.toThrow('still locked');
    const waited = performance.now() - started;
    clearInterval(ticker);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(1000);
    expect(ticks).toBeGreaterThan(10);
    release();
    db.close();
  });

  it('passes on any other error at once', async () => {
    let attempts = 0;
    const failing = () => {
      attempts++;
      throw new Error('not a lock');
    };
    await expect(retryWhileBusy(failing, 1000, () => new Error('gave up'))).rejects.toThrow('not a lock');
    expect(attempts).toBe(1);
  });
});

describe('setAside', () => {
  it('moves the file with its WAL and journal under one new name, drops the WAL index, and never overwrites', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'todos.sqlite');
    const when = new Date('2026-03-01T10:20:30.456Z');
    const base = `${file}.corrupt-2026-03-01T10-20-30-456Z`;
    for (const suffix of ['', '-wal', '-journal', '-shm']) fs.writeFileSync(file + suffix, `first${suffix}`);
    expect(await setAside(file, 'corrupt', when)).toBe(base);
    // A name is used only if it is free along with its companions: "-2" is not, for its journal.
    fs.writeFileSync(`${file}-wal`, 'second-wal');
    fs.writeFileSync(`${base}-2-journal`, 'someone else’s');
    expect(await setAside(file, 'corrupt', when)).toBe(`${base}-3`);

    const contents = Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
    expect(contents).toEqual({
      'todos.sqlite.corrupt-2026-03-01T10-20-30-456Z': 'first',
      'todos.sqlite.corrupt-2026-03-01T10-20-30-456Z-wal': 'first-wal',
      'todos.sqlite.corrupt-2026-03-01T10-20-30-456Z-journal': 'first-journal',
      'todos.sqlite.corrupt-2026-03-01T10-20-30-456Z-2-journal': 'someone else’s',
      'todos.sqlite.corrupt-2026-03-01T10-20-30-456Z-3-wal': 'second-wal',
    });
  });
});

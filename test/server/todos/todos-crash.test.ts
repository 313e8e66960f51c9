// Crash safety of the to-do database: the real `npm run serve` server, killed with SIGKILL during a burst of writes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TODO_DB_FILE_NAME } from '../../../server';
import { distServe } from '../../support/dist-serve';
import type { RunningPackagedServer } from '../../support/packaging-build';
import { tempDir } from '../../support/temp-dir';
import { readTodoFile } from '../../support/todo-file';
import { json, TodoClient } from '../../support/todo-client';

const serve = distServe();

// A cap only: the workers keep writing until the server is dead, however long the kill takes.
const BURST = 5_000;
const CONCURRENCY = 8;

/**
 * POSTs to-dos, CONCURRENCY at a time, and SIGKILLs the server as soon as
 * `killAfter` have been acknowledged. The workers go on writing until the
 * process is gone, so the kill lands in the middle of the burst (a kill that
 * took a moment could otherwise find every request already answered).
 * Returns the titles that got a 201 (with their ids) and how many were sent.
 */
async function burstThenKill(server: RunningPackagedServer, client: TodoClient, round: number, killAfter: number) {
  const acknowledged = new Map<string, number>();
  let sent = 0;
  let killing: Promise<void> | undefined;
  let dead = false;
  const worker = async (w: number) => {
    for (let i = w; i < BURST && !dead; i += CONCURRENCY) {
      const title = `round ${round} item ${i}`;
      sent++;
      try {
        const res = await client.add(title);
        if (res.status === 201) acknowledged.set(title, (json(res) as { id: number }).id);
        else throw new Error(`POST answered ${res.status}: ${res.text}`);
      } catch (err) {
        // A request the kill cut off was never acknowledged; anything else is a bug.
        if (killing === undefined) throw err;
      }
      if (acknowledged.size >= killAfter)
        killing ??= server.kill().then(() => {
          dead = true;
        });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  await killing;
  return { acknowledged, sent };
}

describe('a server killed during a burst of writes', () => {
  it('keeps every acknowledged to-do, and its database opens, after each of three crashes', async () => {
    const dataDir = tempDir('session-lab-crash-');
    const file = path.join(dataDir, TODO_DB_FILE_NAME);
    let server = await serve(dataDir);
    let client = await TodoClient.loggedIn(server.url, 'alice');
    const everAcknowledged = new Map<string, number>();
    let everSent = 0;

    for (const [round, killAfter] of [
      [1, 37],
      [2, 90],
      [3, 151],
    ] as const) {
      const { acknowledged, sent } = await burstThenKill(server, client, round, killAfter);
      expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
      // It really died mid-burst: some writes were cut off or refused.
      expect(sent).toBeGreaterThan(acknowledged.size);
      for (const [title, id] of acknowledged) everAcknowledged.set(title, id);
      everSent += sent;

      // Straight after the crash, before anything opens it read-write: a sound database (the file and
      // the WAL the dead server left beside it, as SQLite reads them) holding every acknowledged item.
      const onDisk = readTodoFile(file);
      expect(onDisk.integrity).toBe('ok');
      const stored = new Map(onDisk.rows.map((r) => [r.title, r.id]));
      for (const [title, id] of everAcknowledged) expect(stored.get(title), title).toBe(id);
      // Nothing is invented: at most what was sent (a write can land just before its answer is lost).
      expect(onDisk.rows.length).toBeLessThanOrEqual(everSent);

      // Restart on the same data dir: nothing to take over or repair by hand, no notice, no temp files.
      server = await serve(dataDir);
      // Items belong to the username, so a fresh login on the new port sees the same list.
      client = await TodoClient.loggedIn(server.url, 'alice');
      const list = await client.list();
      expect(list.status).toBe(200);
      const { items, notice } = json(list) as { items: { id: number; title: string }[]; notice: string | null };
      expect(notice).toBeNull();
      const listed = new Map(items.map((i) => [i.title, i.id]));
      for (const [title, id] of everAcknowledged) expect(listed.get(title), title).toBe(id);
      expect(server.stderr()).not.toMatch(/corrupt|in use/);
      expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }

    expect(await server.stop()).toBe(0);
    // A clean stop folds the WAL back in: the database is the one file again.
    expect(fs.readdirSync(dataDir).sort()).toEqual(['session-secret', TODO_DB_FILE_NAME]);
    expect(readTodoFile(file)).toMatchObject({
      integrity: 'ok',
      rows: expect.arrayContaining([...everAcknowledged.keys()].map((title) => expect.objectContaining({ title }))),
    });
  }, 120_000);
});

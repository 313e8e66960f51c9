// The desktop app and `npm run serve` on one data dir at once: two real serve.js processes share one
// todos.sqlite through SQLite's own locks, every acknowledged write kept and seen by both.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TODO_DB_FILE_NAME } from '../../../server/index';
import { distServe } from '../../support/dist-serve';
import { tempDir } from '../../support/temp-dir';
import { readTodoFile } from '../../support/todo-file';
import { json, TodoClient } from '../../support/todo-client';

const serve = distServe();

type Listed = { items: { id: number; title: string; done: boolean }[]; notice: string | null };

/** `count` POSTs, `concurrency` at a time; every answer must be a 201. Returns title → id. */
async function addMany(client: TodoClient, prefix: string, count: number, concurrency: number): Promise<Map<string, number>> {
  const added = new Map<string, number>();
  const worker = async (w: number) => {
    for (let i = w; i < count; i += concurrency) {
      const res = await client.add(`${prefix} ${i}`);
      if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${res.text}`);
      added.set(`${prefix} ${i}`, (json(res) as { id: number }).id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return added;
}

describe('two server processes on one data dir', () => {
  it('both serve the same list: bursts of writes from both at once all land, ids unique, each sees the other’s changes', async () => {
    const dataDir = tempDir('session-lab-shared-');
    // One after the other only so that the first creates the key file both sign with.
    const app = await serve(dataDir);
    const cli = await serve(dataDir);
    const a = await TodoClient.loggedIn(app.url, 'alice');
    const b = await TodoClient.loggedIn(cli.url, 'alice');

    const [fromApp, fromCli] = await Promise.all([addMany(a, 'app', 150, 4), addMany(b, 'serve', 150, 4)]);
    const ids = [...fromApp.values(), ...fromCli.values()];
    expect(new Set(ids).size).toBe(300);

    const listA = json(await a.list()) as Listed;
    const listB = json(await b.list()) as Listed;
    expect(listA).toEqual(listB);
    expect(listA.notice).toBeNull();
    expect(new Map(listA.items.map((i) => [i.title, i.id]))).toEqual(new Map([...fromApp, ...fromCli].sort((x, y) => x[1] - y[1])));

    // A change made through one is what the other answers with next.
    const theirs = fromCli.get('serve 7') ?? 0;
    expect(json(await a.patch(theirs, { done: true, title: 'ticked in the app' }))).toMatchObject({ id: theirs, done: true });
    expect((json(await b.list()) as Listed).items.find((i) => i.id === theirs)).toMatchObject({ title: 'ticked in the app', done: true });
    expect((await b.delete(fromApp.get('app 3') ?? 0)).status).toBe(204);
    expect((json(await a.list()) as Listed).items).toHaveLength(299);

    expect(app.stderr()).not.toMatch(/busy|corrupt|unavailable|cannot/i);
    expect(cli.stderr()).not.toMatch(/busy|corrupt|unavailable|cannot/i);
    expect(await app.stop()).toBe(0);
    // The other still has it open: its WAL stays until the last one closes.
    expect((await b.add('after the app quit')).status).toBe(201);
    expect(await cli.stop()).toBe(0);

    expect(fs.readdirSync(dataDir).sort()).toEqual(['session-secret', TODO_DB_FILE_NAME]);
    const onDisk = readTodoFile(path.join(dataDir, TODO_DB_FILE_NAME));
    expect(onDisk.integrity).toBe('ok');
    expect(onDisk.rows).toHaveLength(300);
  }, 60_000);
});

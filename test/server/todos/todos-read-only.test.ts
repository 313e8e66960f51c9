// A data dir or database file that cannot be written: the real `npm run serve` server still starts, says so, and /api/todos answers 503 with the reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TODO_DB_FILE_NAME } from '../../../server/index';
import { distServe } from '../../support/dist-serve';
import { readOnlyMountsUnavailable, readOnlyWrap } from '../../support/read-only-mount';
import { tempDir } from '../../support/temp-dir';
import { json, TodoClient } from '../../support/todo-client';

const serve = distServe();

/** A data dir as a first run leaves it: the key file, and a database holding one to-do. */
async function usedDataDir(): Promise<{ dataDir: string; file: string; bytes: Buffer }> {
  const dataDir = tempDir();
  const first = await serve(dataDir);
  expect((await (await TodoClient.loggedIn(first.url, 'alice')).add('written before')).status).toBe(201);
  expect(await first.stop()).toBe(0);
  const file = path.join(dataDir, TODO_DB_FILE_NAME);
  return { dataDir, file, bytes: fs.readFileSync(file) };
}

// Root writes through chmod, so only a read-only mount makes this real; where none can be made, say why.
const skipReason = readOnlyMountsUnavailable === null ? '' : ` (skipped: ${readOnlyMountsUnavailable})`;

describe.skipIf(readOnlyMountsUnavailable !== null)(`a read-only data dir or database file, made with a read-only bind mount${skipReason}`, () => {
  it.each([
    ['the data dir is read-only', (d: { dataDir: string }) => d.dataDir],
    ['only todos.sqlite is read-only', (d: { file: string }) => d.file],
  ])('%s: the server starts and says so, the session lab works, /api/todos answers 503 with the reason, and the file is untouched', async (_case, target) => {
    const used = await usedDataDir();
    const readOnly = target(used);
    const server = await serve(used.dataDir, readOnlyWrap(readOnly));

    const c = await TodoClient.loggedIn(server.url, 'alice');
    expect((await c.get('/api/session')).status).toBe(200);
    // The 503 names no path; the log says exactly where and why.
    const reason = `The to-do database (todos.sqlite in the data folder) cannot be written (EROFS: access failed). Session Lab keeps to-dos there and needs to write both the file and its folder, the data folder: make them writable by this user, then restart; until then to-dos are unavailable.`;
    for (const res of [await c.list(), await c.add('lost?')]) {
      expect(res.status).toBe(503);
      expect(json(res)).toEqual({ error: reason });
      expect(res.text).not.toContain(used.dataDir);
    }
    expect(server.stderr()).toContain(
      `Session Lab: The to-do database ${used.file} cannot be written (EROFS: read-only file system, access '${readOnly}'). Session Lab keeps to-dos there and needs to write both the file and its folder, ${used.dataDir}: make them writable by this user, then restart; until then to-dos are unavailable.\n`,
    );
    expect(await server.stop()).toBe(0);

    expect(fs.readFileSync(used.file).equals(used.bytes)).toBe(true);
    expect(fs.readdirSync(used.dataDir).sort()).toEqual(['session-secret', TODO_DB_FILE_NAME]);
    // Writable again: the list is all there.
    const again = await serve(used.dataDir);
    const listed = await (await TodoClient.loggedIn(again.url, 'alice')).list();
    expect(json(listed)).toMatchObject({ items: [{ title: 'written before' }], notice: null });
  });
});

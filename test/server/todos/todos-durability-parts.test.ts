// The parts the to-do database's durability rests on: atomic replacement, one-at-a-time writes, the pid lock.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempFileOf, writeFileAtomic } from '../../../server/todos/atomic-file';
import { acquirePidLock, LockHeldError } from '../../../server/todos/pid-lock';
import { serialQueue } from '../../../server/serial-queue';
import { tempDir } from '../../support/temp-dir';

describe('writeFileAtomic', () => {
  it('replaces the contents, private to the user, leaving no temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.bin');
    fs.writeFileSync(file, 'old contents');
    await writeFileAtomic(file, Buffer.from('new contents'));
    expect(fs.readFileSync(file, 'utf8')).toBe('new contents');
    expect(fs.readdirSync(dir)).toEqual(['data.bin']);
    await writeFileAtomic(path.join(dir, 'fresh.bin'), Buffer.from('x'));
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'fresh.bin')).mode & 0o777).toBe(0o600);
  });

  it('when it fails, the old contents stay and no temp file is left', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'data.bin');
    fs.writeFileSync(file, 'old contents');
    // A folder where the file should be: the rename over it fails after the temp was written.
    const blocked = path.join(dir, 'blocked');
    fs.mkdirSync(blocked);
    fs.writeFileSync(path.join(blocked, 'keep'), '');
    await expect(writeFileAtomic(blocked, Buffer.from('new'))).rejects.toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked', 'data.bin']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old contents');
  });

  it('names its temp files so they can be told apart from anything else', () => {
    expect(isTempFileOf('/d/todos.sqlite', '/d/todos.sqlite.0123456789abcdef.tmp')).toBe(true);
    expect(isTempFileOf('/d/todos.sqlite', 'todos.sqlite.0123456789abcdef.tmp')).toBe(true);
    expect(isTempFileOf('/d/todos.sqlite', '/d/todos.sqlite.tmp')).toBe(false);
    expect(isTempFileOf('/d/todos.sqlite', '/d/todos.sqlite.corrupt-2026-01-01T00-00-00-000Z')).toBe(false);
    expect(isTempFileOf('/d/todos.sqlite', '/d/other.sqlite.0123456789abcdef.tmp')).toBe(false);
    expect(isTempFileOf('/d/todos.sqlite', '/d/todos.sqlite.lock')).toBe(false);
  });
});

describe('serialQueue', () => {
  it('runs async tasks one at a time, in order, even when they are queued together', async () => {
    const queue = serialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run(task('a', 20)), queue.run(task('b', 1)), queue.run(task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failing task rejects its own caller and does not stop the next', async () => {
    const queue = serialQueue();
    const failing = queue.run(() => Promise.reject(new Error('disk full')));
    const next = queue.run(() => 'ran');
    await expect(failing).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('ran');
    await expect(queue.idle()).resolves.toBeUndefined();
  });
});

describe('acquirePidLock', () => {
  it('writes our pid, refuses a second holder, and removes the file on release', () => {
    const file = path.join(tempDir(), 'db.lock');
    const lock = acquirePidLock(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${process.pid}\n`);
    expect(() => acquirePidLock(file)).toThrow(LockHeldError);
    lock.release();
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
    acquirePidLock(file).release();
  });

  it('a brand-new lock whose holder has not written its pid yet counts as held', () => {
    const file = path.join(tempDir(), 'db.lock');
    fs.writeFileSync(file, '');
    expect(() => acquirePidLock(file)).toThrow('held by a process that is just starting');
  });

  it('an old empty or garbled lock is stale and taken over', () => {
    const dir = tempDir();
    for (const [name, text] of [['empty.lock', ''], ['garbled.lock', 'not a pid']] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const old = new Date(Date.now() - 60_000);
      fs.utimesSync(file, old, old);
      acquirePidLock(file).release();
    }
  });

  it('release leaves a lock alone that someone else has since taken', () => {
    const file = path.join(tempDir(), 'db.lock');
    const lock = acquirePidLock(file);
    fs.writeFileSync(file, '1\n'); // pid 1 always runs
    lock.release();
    expect(fs.readFileSync(file, 'utf8')).toBe('1\n');
    expect(() => acquirePidLock(file)).toThrow('held by process 1');
  });
});

// A lock file holding the owner's process id, so two processes never share one database file.
import fs from 'node:fs';
import { isErrno } from '../errno';

/** Another live process holds the lock. */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
  constructor(
    readonly lockFile: string,
    /** null when the holder has not written its id yet. */
    readonly pid: number | null,
  ) {
    super(`${lockFile} is held by ${pid === null ? 'a process that is just starting' : `process ${pid}`}`);
  }
}

export interface PidLock {
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

// A lock file with no id yet is a holder between create and write, unless it
// is older than this: then its holder died right there.
const UNWRITTEN_GRACE_MS = 5_000;

/**
 * Creates `lockFile` with this process's id. A lock left by a process that no
 * longer runs (it crashed, or was killed) is taken over; one held by a live
 * process, this one included, throws LockHeldError.
 */
export function acquirePidLock(lockFile: string): PidLock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return ownLock(lockFile);
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
    }
    const holder = readHolder(lockFile);
    if (holder === 'gone') continue;
    if (holder === 'unwritten') throw new LockHeldError(lockFile, null);
    if (holder === process.pid || isRunning(holder)) throw new LockHeldError(lockFile, holder);
    // Stale: its process is gone. Another starter may remove it at the same
    // moment; 'wx' above then lets exactly one of us create the new one.
    fs.rmSync(lockFile, { force: true });
  }
  throw new LockHeldError(lockFile, null);
}

function ownLock(lockFile: string): PidLock {
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      if (readHolder(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
    },
  };
}

/** The holder's pid; 'gone' if the file vanished; 'unwritten' if it is brand new and empty. Garbage counts as stale (pid 0 never runs). */
function readHolder(lockFile: string): number | 'gone' | 'unwritten' {
  let text: string;
  let ageMs: number;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
    ageMs = Date.now() - fs.statSync(lockFile).mtimeMs;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return 'gone';
    throw err;
  }
  const pid = /^\d+$/.test(text.trim()) ? Number(text.trim()) : 0;
  if (pid === 0 && text === '' && ageMs < UNWRITTEN_GRACE_MS) return 'unwritten';
  return pid;
}

function isRunning(pid: number): boolean {
  if (pid <= 0 || !Number.isSafeInteger(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return isErrno(err, 'EPERM');
  }
}

// Replaces a file's contents all at once and durably: readers see the old bytes or the new, never a mix.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Temp files are named `<file>.<random>.tmp`; a crash can leave one behind, never the file half written. */
export function isTempFileOf(file: string, candidate: string): boolean {
  const base = path.basename(file);
  const name = path.basename(candidate);
  return name.startsWith(`${base}.`) && name.endsWith('.tmp') && /^[0-9a-f]{16}$/.test(name.slice(base.length + 1, -'.tmp'.length));
}

/**
 * Writes `bytes` to a temp file beside `file`, flushes it to the disk, renames
 * it over `file` and flushes the folder. Once this resolves, the new contents
 * survive a crash or a power cut; if it rejects or the process dies first,
 * `file` still holds its previous contents (rename is atomic in one folder).
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array, mode = 0o600): Promise<void> {
  const temp = `${file}.${crypto.randomBytes(8).toString('hex')}.tmp`;
  let renamed = false;
  try {
    // 'wx': never follow or reuse something already at that name.
    const handle = await fs.open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
    renamed = true;
    await syncFolder(path.dirname(file));
  } finally {
    if (!renamed) await fs.rm(temp, { force: true });
  }
}

/**
 * A rename lives in the folder's own entry list: until the folder is flushed
 * too, a power cut can bring the old name back. Windows cannot open a folder
 * for flushing; NTFS journals the rename itself.
 */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

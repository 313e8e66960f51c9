// Flushes a folder's entry list to disk, so a rename in it survives a power cut.
import fs from 'node:fs/promises';

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

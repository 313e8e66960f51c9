// Makes a path read-only for one child process, even for root (whom chmod does not stop): a read-only
// bind mount in a mount namespace of the child's own (util-linux unshare), seen by nothing else.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const asRoot = process.getuid?.() === 0;
// Not root: a user namespace maps us to root inside it, where the kernel allows it.
const UNSHARE = ['unshare', ...(asRoot ? [] : ['--map-root-user']), '--mount', '--'];
const MOUNT_THEN_EXEC = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"';

/** The command prefix that runs the rest of its arguments with `target` read-only. */
export function readOnlyWrap(target: string): string[] {
  return [...UNSHARE, 'sh', '-c', MOUNT_THEN_EXEC, 'sh', target];
}

/** Why read-only mounts cannot be made on this machine, or null when they can (tried once, for real). */
export const readOnlyMountsUnavailable: string | null = (() => {
  if (process.platform !== 'linux') return 'read-only bind mounts need Linux';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-ro-probe-'));
  try {
    const [command = 'unshare', ...args] = [...readOnlyWrap(dir), 'sh', '-c', 'touch "$0/written" 2>/dev/null && exit 3 || exit 0', dir];
    const probe = spawnSync(command, args, { encoding: 'utf8' });
    if (probe.error) return `unshare cannot run (${probe.error.message})`;
    if (probe.status === 3) return 'a read-only bind mount did not stop a write';
    if (probe.status !== 0)
      return `this machine does not allow a private read-only bind mount (unshare/mount: ${probe.stderr.trim() || `exit ${probe.status}`})`;
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();

// Runs a request and gathers the jar changes the browser made meanwhile and just after (see ExperimentContext.watchJar).
import type { JarChange, LabBridge } from '../../contract';
import type { ExperimentContext } from './context';

/** How long to keep listening for the browser's cookie changes after a request. */
const CHANGES_MAX_WAIT_MS = 700;
const CHANGES_QUIET_MS = 150;

export function jarWatcher(lab: LabBridge): ExperimentContext['watchJar'] {
  return async <T>(during: () => Promise<T>): Promise<{ result: T; changes: JarChange[] }> => {
    const changes: JarChange[] = [];
    let last = 0;
    const stop = lab.onJarChanged((batch) => {
      changes.push(...batch);
      last = performance.now();
    });
    try {
      const result = await during();
      const start = performance.now();
      // Chromium reports cookie changes a moment after the response: wait until they stop.
      await new Promise<void>((resolve) => {
        const check = (): void => {
          const now = performance.now();
          if ((changes.length > 0 && now - last >= CHANGES_QUIET_MS) || now - start >= CHANGES_MAX_WAIT_MS) resolve();
          else setTimeout(check, 25);
        };
        check();
      });
      return { result, changes };
    } finally {
      stop();
    }
  };
}

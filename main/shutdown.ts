// Runs the quit-time cleanup once, then exits: no quit loops, no hang on a stuck step.

/** The part of Electron's app used to quit. */
export interface QuitApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
  exit(exitCode?: number): void;
}

export interface Shutdown {
  /** Quits the app; the cleanup runs first. A non-zero code is kept for the exit. */
  quit(exitCode?: number): void;
}

export const CLEANUP_TIMEOUT_MS = 5000;

/**
 * Holds every quit at 'will-quit' (the windows are closed by then) until
 * `cleanup` has finished or timed out, then ends with app.exit, which emits no
 * further quit events: a second quit while cleaning up just waits for the first.
 */
export function installShutdown(app: QuitApp, cleanup: () => Promise<void>, timeoutMs = CLEANUP_TIMEOUT_MS): Shutdown {
  let exitCode = 0;
  let cleaning = false;

  const runCleanup = async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(`Session Lab: cleanup took longer than ${timeoutMs} ms; quitting anyway.`);
        resolve();
      }, timeoutMs);
    });
    try {
      await Promise.race([cleanup(), timeout]);
    } catch (err) {
      console.error('Session Lab: cleanup failed while quitting:', err);
    } finally {
      clearTimeout(timer);
    }
  };

  app.on('will-quit', (event) => {
    event.preventDefault();
    if (cleaning) return;
    cleaning = true;
    void runCleanup().then(() => app.exit(exitCode));
  });

  return {
    quit(code = 0) {
      if (code !== 0) exitCode = code;
      app.quit();
    },
  };
}

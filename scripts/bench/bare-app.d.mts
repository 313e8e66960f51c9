// Types for bare-app.mjs, which stays plain JavaScript: the bench's server child runs it under Node without a build step.
import type { Express } from 'express';

/** Express 5 + cookie-session with the same GET /counter and page as Session Lab, and nothing else. */
export function createBareApp(keys: string[]): Express;
/** The bare app behind the hardening the design requires (Host and cross-site guards, helmet, no-store). */
export function createHardenedApp(keys: string[]): Express;

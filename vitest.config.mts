import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites start real servers and child processes; keep them well inside the
    // 2-core CI machine.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});

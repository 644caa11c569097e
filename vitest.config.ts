import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['electron/connectors/db/testing/globalSetup.ts'],
    // Generous ceilings, not waits: seeding a PostgreSQL database on a 2-core machine that is
    // also busy (CI, or `npm test` beside another load) can take tens of seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

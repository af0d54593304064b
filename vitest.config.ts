import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing; `db` (integration + end-to-end) shares one real local Neo4j that
// test/global-neo4j.ts starts once per run with a fresh temporary data folder and the seed loaded. Its files
// run one at a time because they share that database.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-neo4j.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});

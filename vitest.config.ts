import { defineConfig } from 'vitest/config';

// One runner for the whole tree: fast unit tests sit next to their code as `*.test.ts(x)`;
// tests that start real servers (Postfix, Dovecot, a relay killed with -9) are `*.slow.test.ts`
// and run in the same `npm test`, after the fast ones (see package.json).
export default defineConfig({
  test: {
    include: ['{main,relay,renderer,preload,bench,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

/**
 * Three projects: `workerd` runs the app inside real workerd with a real local D1 (migrations applied in
 * the setup file) through the Worker's own `fetch`; `node` starts `wrangler dev` for the end-to-end test
 * and checks the Node side of the shared password format; `browser` drives the npm-packaged Chromium
 * through the dashboard on `wrangler dev` (test/browser). Counts land in `.vitest/results.json` for CI.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Test-only secrets: random-looking but fixed, never used anywhere else. The vars are repeated over the
// wrangler config's, so the bindings the tests see are exactly these and the config's `vars`.
export const TEST_BINDINGS = {
  ENVIRONMENT: 'production',
  AUTH_PROVIDER: 'local',
  OIDC_REQUIRED_SCOPE: 'cms',
  AUTH_JWT_SECRET: 'test-session-secret-aY3kP9qL2mW7xZ4vB8nC1dF6',
  TOKEN_ENCRYPTION_KEY: '8f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
}

// Read from the config's own folder, so the config loads from any working directory (knip reads it from the root).
const migrations = await readD1Migrations(resolve(import.meta.dirname, 'migrations'))

// wrangler loads `.dev.vars` (or `.env`) from the folder of the config it reads, so a developer's file would
// become the tests' env (a junk TOKEN_ENCRYPTION_KEY_PREVIOUS there fails every sealed-value test). The
// workerd project reads a copy of wrangler.jsonc in a folder that holds nothing else (git-ignored; `main`
// is given below, and the migrations are read above, so nothing relative in the copy is used).
const isolated = resolve(import.meta.dirname, '.vitest/wrangler')
mkdirSync(isolated, { recursive: true })
copyFileSync(resolve(import.meta.dirname, 'wrangler.jsonc'), join(isolated, 'wrangler.jsonc'))

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    projects: [
      {
        plugins: [
          cloudflareTest({
            main: './src/index.ts',
            wrangler: { configPath: join(isolated, 'wrangler.jsonc') },
            miniflare: { bindings: { ...TEST_BINDINGS, TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: {
          name: 'workerd',
          include: ['test/workerd/**/*.test.ts'],
          setupFiles: ['./test/workerd/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        // The dashboard in real Chromium against wrangler dev: one file at a time (each starts servers).
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

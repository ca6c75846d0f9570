/**
 * Node only: the release check spawns Verdaccio, pnpm and node, and the workflow rules read files. The
 * JSON report lands where `.ci/count-tests.mjs` sums every package's results.
 */
import { defineConfig, type ViteUserConfig } from 'vitest/config'

const config: ViteUserConfig = defineConfig({
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    // The end-to-end check installs Verdaccio and a consumer project: about a minute here, cold.
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
})

export default config

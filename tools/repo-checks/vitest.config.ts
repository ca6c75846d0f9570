/**
 * Node only: the checks read the git index and files. The JSON report lands where `.ci/count-tests.mjs`
 * sums every package's results.
 */
import { defineConfig, type ViteUserConfig } from 'vitest/config'

const config: ViteUserConfig = defineConfig({
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
})

export default config

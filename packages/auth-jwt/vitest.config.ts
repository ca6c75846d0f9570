import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

// test/*.node.test.ts run the built package in a Node child process.
const config: ViteUserConfig = packageTestConfig({
  runtimeOf: import.meta.url,
  nodeOnly: ['test/**/*.node.test.ts'],
})

export default config

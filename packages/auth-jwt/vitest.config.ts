import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

// test/*.node.test.ts run the built package in a Node child process (Node only, by their name).
const config: ViteUserConfig = packageTestConfig({ runtimeOf: import.meta.url })

export default config

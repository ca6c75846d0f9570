import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

const config: ViteUserConfig = packageTestConfig({
  runtimeOf: import.meta.url,
  nodeOnly: ['test/**/*.node.test.ts'],
  workerdOnly: ['test/**/*.workerd.test.ts'],
  miniflare: { kvNamespaces: ['KV'] },
})

export default config

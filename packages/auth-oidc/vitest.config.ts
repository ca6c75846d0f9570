import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

const config: ViteUserConfig = packageTestConfig({
  runtimeOf: import.meta.url,
  miniflare: { kvNamespaces: ['KV'] },
})

export default config

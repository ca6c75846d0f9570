import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

const config: ViteUserConfig = packageTestConfig({ runtimeOf: import.meta.url })

export default config

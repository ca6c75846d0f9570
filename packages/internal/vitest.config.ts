import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

const config: ViteUserConfig = packageTestConfig()
export default config

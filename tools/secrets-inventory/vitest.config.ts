/**
 * Every pure module runs in Node and in workerd (packageTestConfig); the CLI tests spawn git, tsx and
 * pnpm and write scratch repositories, so they run in Node only (`test/*.node.test.ts`). @alokai/env resolves to its source, as it
 * does for `pnpm secrets:*` (see tsconfig.json), so the tests judge the current code without a build.
 */
import { fileURLToPath } from 'node:url'
import type { ViteUserConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.ts'

const config: ViteUserConfig = packageTestConfig({
  alias: { '@alokai/env': fileURLToPath(new URL('../../packages/env/src/index.ts', import.meta.url)) },
  testTimeout: 60_000,
})

export default config

/**
 * One build: the library in ESM and CJS, runtime-agnostic (no `#runtime` pair; see tsup.base.ts). zod is
 * a peer dependency, never bundled.
 */
import type { Options } from 'tsup'
import { packageBuild } from '../../tsup.base.ts'

const config: Options = packageBuild({
  entry: { index: 'src/index.ts' },
  external: ['zod'],
})

export default config

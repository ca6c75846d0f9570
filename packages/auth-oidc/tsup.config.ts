/**
 * One build: `.`, `./hono` and `./express` in ESM and CJS, plus the `#runtime` pair (signatures on Web
 * Crypto or on node:crypto), picked by the consumer through the package.json `imports` map (see
 * tsup.base.ts).
 */
import type { Options } from 'tsup'
import { packageBuild } from '../../tsup.base.ts'

const config: Options = packageBuild({
  entry: { index: 'src/index.ts', hono: 'src/hono.ts', express: 'src/express.ts' },
  runtime: true,
})

export default config

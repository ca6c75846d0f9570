/**
 * One build: `.` and `./hono` in ESM and CJS, plus the `#runtime` pair (HS256 on Web Crypto or on
 * node:crypto), picked by the consumer through the package.json `imports` map (see tsup.base.ts).
 */
import type { Options } from 'tsup'
import { packageBuild } from '../../tsup.base.ts'

const config: Options = packageBuild({
  entry: { index: 'src/index.ts', hono: 'src/hono.ts' },
  runtime: true,
  // `./hono` imports only Hono's types; the peer is never bundled.
  external: ['hono'],
})

export default config

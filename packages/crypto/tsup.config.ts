/**
 * One build: `.` and `./probe` in ESM and CJS, the `alokai-crypto` bin, and the `#runtime` pair (AES-GCM
 * and HMAC on Web Crypto or on node:crypto), picked by the consumer through the package.json `imports`
 * map (see tsup.base.ts).
 */
import type { Options } from 'tsup'
import { packageBuild } from '../../tsup.base.ts'

const config: Options = packageBuild({
  entry: { index: 'src/index.ts', probe: 'src/probe.ts' },
  // The bin needs no type declarations.
  bin: { cli: 'src/cli.ts' },
  runtime: true,
})

export default config

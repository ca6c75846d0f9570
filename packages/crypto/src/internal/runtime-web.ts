/**
 * What `#runtime` resolves to everywhere but Node (workerd, browsers, Deno; the `workerd`, `worker`,
 * `browser` and `default` conditions of the package.json `imports` map): Web Crypto. Imports nothing from
 * `node:*`, so a consumer's Worker needs no `nodejs_compat`.
 */
import type { CryptoBackend } from './backend.ts'
import { webBackend } from './backend-web.ts'

/** The cryptography of this runtime. */
export const runtime: CryptoBackend = webBackend

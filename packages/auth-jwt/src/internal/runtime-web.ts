/**
 * What `#runtime` resolves to everywhere but Node (workerd, browsers, Deno; the `workerd`, `worker`,
 * `browser` and `default` conditions of the package.json `imports` map): HS256 on Web Crypto. Imports
 * nothing from `node:*`, so a consumer's Worker needs no `nodejs_compat`.
 */
import type { HmacBackend } from './hmac.ts'
import { webHmac } from './hmac-web.ts'

/** The HMAC backend of this runtime. */
export const runtime: HmacBackend = webHmac

/**
 * What `#runtime` resolves to in Node (the `node` condition of the package.json `imports` map): HS256 on
 * node:crypto, which runs inline where Node's Web Crypto hops to the thread pool.
 */
import type { HmacBackend } from './hmac.ts'
import { nodeHmac } from './hmac-node.ts'

/** The HMAC backend of this runtime. */
export const runtime: HmacBackend = nodeHmac

/**
 * What `#runtime` resolves to in Node (the `node` condition of the package.json `imports` map):
 * node:crypto, which runs inline where Node's Web Crypto hops to the thread pool.
 */
import type { CryptoBackend } from './backend.ts'
import { nodeBackend } from './backend-node.ts'

/** The cryptography of this runtime. */
export const runtime: CryptoBackend = nodeBackend

/**
 * What `#runtime` resolves to in Node (the `node` condition of the package.json `imports` map):
 * signatures on node:crypto, which verifies in-thread where Node's Web Crypto hops to the thread pool.
 */
import type { CryptoBackendFactory } from './crypto-backend.ts'
import { createNodeBackend } from './node-backend.ts'

/** Creates the backend a verifier uses when none is given. */
export const runtime: CryptoBackendFactory = createNodeBackend

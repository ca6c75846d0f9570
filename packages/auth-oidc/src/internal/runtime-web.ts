/**
 * What `#runtime` resolves to everywhere but Node (workerd, browsers, Deno; the `workerd`, `worker`,
 * `browser` and `default` conditions of the package.json `imports` map): signatures on Web Crypto.
 * Imports nothing from `node:*`.
 */
import type { CryptoBackendFactory } from './crypto-backend.ts'
import { createWebBackend } from './web-backend.ts'

/** Creates the backend a verifier uses when none is given. */
export const runtime: CryptoBackendFactory = createWebBackend

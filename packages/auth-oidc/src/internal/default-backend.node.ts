/**
 * The signature path of the Node build (`node` export condition): node:crypto. Swapped in for
 * `default-backend.ts` by tsup.config.ts; only this build imports `node:*`.
 */
import type { CryptoBackendFactory } from './crypto-backend.ts'
import { createNodeBackend } from './node-backend.ts'

/** Creates the backend a verifier uses when none is given. */
export const createDefaultBackend: CryptoBackendFactory = createNodeBackend

/**
 * The signature path of the web build (`workerd`, `worker`, `browser` and `default` export conditions).
 * The Node build replaces this module with `default-backend.node.ts` (see tsup.config.ts).
 */
import type { CryptoBackendFactory } from './crypto-backend.ts'
import { createWebBackend } from './web-backend.ts'

/** Creates the backend a verifier uses when none is given. */
export const createDefaultBackend: CryptoBackendFactory = createWebBackend

/**
 * Both backends, imported explicitly, so the vector and cross-backend suites run against each code path
 * whatever `#runtime` resolves to. In the workerd project only the Web Crypto backend runs: workerd's
 * `node:crypto` (under `nodejs_compat`) is not Node's. Measured on the Wycheproof vectors, its decipher
 * refuses some additional data ("Failed to set AAD") and the `symmetricKeySize` of a key from
 * `KeyObject.from` is not Node's byte count, so a node:crypto verdict there says nothing about Node, and the web file that workerd
 * resolves never contains that backend.
 */
import type { CryptoBackend } from '../src/internal/backend.ts'
import { nodeBackend } from '../src/internal/backend-node.ts'
import { webBackend } from '../src/internal/backend-web.ts'

const inWorkerd =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers'

/** `[name, backend]` pairs for `describe.each`. */
export const BACKENDS: ReadonlyArray<readonly [string, CryptoBackend]> = [
  ...(inWorkerd ? [] : [[nodeBackend.name, nodeBackend] as const]),
  [webBackend.name, webBackend],
]

/**
 * Both signature paths, imported explicitly, so a suite runs once per path: whichever one a consumer's build
 * picks, the same tokens are accepted and refused. In the workerd project only the Web Crypto path runs:
 * workerd's `node:crypto` (under `nodejs_compat`) is not Node's. It refuses a `KeyObject` inside an options
 * object and ignores the RSA padding option (measured: a PSS signature verifies as PKCS#1 v1.5 and the
 * other way round), so a node:crypto verdict there says nothing about Node, and the web runtime file that workerd
 * resolves never contains that path.
 */

import type { OidcVerifier, OidcVerifierOptions } from '../src/index.ts'
import type { CryptoBackendFactory } from '../src/internal/crypto-backend.ts'
import { createNodeBackend } from '../src/internal/node-backend.ts'
import { createVerifier } from '../src/internal/verifier.ts'
import { createWebBackend } from '../src/internal/web-backend.ts'
import { resolveOptions } from '../src/options.ts'

export interface Backend {
  name: 'node' | 'web'
  create: CryptoBackendFactory
}

const inWorkerd =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers'

export const backends: readonly Backend[] = [
  ...(inWorkerd ? [] : [{ name: 'node', create: createNodeBackend } as const]),
  { name: 'web', create: createWebBackend },
]

/** `createOidcVerifier` on the given signature path. */
export function verifierOn(backend: Backend, options: OidcVerifierOptions): OidcVerifier {
  return createVerifier(resolveOptions(options), backend.create())
}

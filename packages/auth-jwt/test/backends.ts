/**
 * Both HMAC backends, imported explicitly, so every security suite runs against each code path in each
 * vitest project (Node and workerd; the workerd project has `nodejs_compat`, so node:crypto exists there
 * too), whatever `#runtime` resolves to there.
 */
import type { HmacBackend } from '../src/internal/hmac.ts'
import { nodeHmac } from '../src/internal/hmac-node.ts'
import { webHmac } from '../src/internal/hmac-web.ts'
import { Issuer } from '../src/internal/issuer.ts'
import { resolveOptions } from '../src/internal/options.ts'
import type { CustomClaims, SessionIssuer, SessionIssuerOptions } from '../src/types.ts'

/** `[name, backend]` pairs for `describe.each`. */
export const BACKENDS: ReadonlyArray<readonly [string, HmacBackend]> = [
  [nodeHmac.name, nodeHmac],
  [webHmac.name, webHmac],
]

/** A session issuer over `backend`, with the same option checks as `createSessionIssuer`. */
export function issuerWith<C extends CustomClaims = Record<never, never>>(
  backend: HmacBackend,
  options: SessionIssuerOptions<C>,
): SessionIssuer<C> {
  return new Issuer(resolveOptions(options), backend)
}

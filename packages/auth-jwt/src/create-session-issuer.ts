/**
 * `createSessionIssuer`: the public factory. It checks the options at once and builds the issuer over this
 * runtime's HMAC backend (`#runtime`: node:crypto in Node, Web Crypto elsewhere; see package.json `imports`).
 * Signing and verifying are in internal/issuer.ts.
 */
import { runtime } from '#runtime'
import { Issuer } from './internal/issuer.ts'
import { resolveOptions } from './internal/options.ts'
import type { CustomClaims, SessionIssuer, SessionIssuerOptions } from './types.ts'

/**
 * Creates a session token issuer. The options are checked at once (a weak secret throws `SecretWeak`);
 * the keys are imported on first use and cached for the issuer's life, so build one per service and reuse
 * it (in a Worker: per `env` object).
 *
 * @example
 * ```ts
 * const sessions = createSessionIssuer({
 *   secret: env.AUTH_JWT_SECRET,
 *   previousSecrets: env.AUTH_JWT_SECRET_PREVIOUS ? [env.AUTH_JWT_SECRET_PREVIOUS] : [],
 *   issuer: 'https://app.example.com',
 *   audience: 'app-dashboard',
 *   ttlSeconds: 8 * 3600,
 *   environment: env.ENVIRONMENT,
 * })
 * const token = await sessions.sign({ sub: user.id, sid: session.id })
 * const { sub, sid } = await sessions.verify(token)
 * ```
 */
export function createSessionIssuer<C extends CustomClaims = Record<never, never>>(
  options: SessionIssuerOptions<C>,
): SessionIssuer<C> {
  return new Issuer(resolveOptions(options), runtime)
}

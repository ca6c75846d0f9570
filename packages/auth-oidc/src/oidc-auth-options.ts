/**
 * The options of the `oidcAuth` middleware, shared by the Hono and the Express adapters.
 */
import type { VerifiedToken } from './create-oidc-verifier.ts'
import type { OidcVerifierOptions } from './options.ts'

/**
 * Anything that verifies a token: an {@link OidcVerifier}, a {@link MultiIssuerVerifier}, or your own.
 *
 * @example
 * ```ts
 * const verifier: TokenVerifier = createMultiIssuerVerifier([internal, partner])
 * ```
 */
export interface TokenVerifier {
  verify<T = unknown>(token: string): Promise<VerifiedToken<T>>
}

/**
 * What both adapters add to the verifier: the scopes every request must carry and the challenge's realm.
 *
 * @example
 * ```ts
 * const extra: BearerAuthOptions = { requiredScopes: ['content:read'], realm: 'content-api' }
 * ```
 */
export interface BearerAuthOptions {
  /** Scopes the token must carry (from `scope` or `scp`); otherwise 403 `insufficient_scope`. @default [] */
  requiredScopes?: readonly string[]
  /** The `realm` of the `WWW-Authenticate` challenge. @default 'api' */
  realm?: string
}

/**
 * Options of `oidcAuth`: a verifier's options (the verifier is then kept per option set for the isolate's
 * lifetime, as {@link getOidcVerifier} does), or `{ verifier }`; plus {@link BearerAuthOptions}.
 *
 * @example
 * ```ts
 * const a: OidcAuthOptions = { issuer: 'https://login.example.com/', audience: 'https://api.example.com' }
 * const b: OidcAuthOptions = { verifier: createMultiIssuerVerifier([internal, partner]), realm: 'api' }
 * ```
 */
export type OidcAuthOptions = (OidcVerifierOptions | { verifier: TokenVerifier }) & BearerAuthOptions

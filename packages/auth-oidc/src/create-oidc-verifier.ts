/**
 * The public verifier factory and its types. The work is in `internal/verifier.ts`; the signature path is
 * the runtime's (`#runtime`): node:crypto in Node, Web Crypto elsewhere (package.json `imports`).
 */

import { runtime } from '#runtime'
import { createVerifier } from './internal/verifier.ts'
import { type OidcVerifierOptions, resolveOptions } from './options.ts'
import type { JWTHeaderParameters, JWTPayload } from './token-types.ts'

/**
 * What a successful {@link OidcVerifier.verify} returns; `T` types custom claims.
 *
 * @example
 * ```ts
 * const { payload, header }: VerifiedToken<{ client_id: string }> = await verifier.verify(token)
 * console.log(header.kid, payload.client_id)
 * ```
 */
export interface VerifiedToken<T = unknown> {
  /** The token's claims. */
  payload: JWTPayload & T
  /** The token's protected header. */
  header: JWTHeaderParameters
}

/**
 * Verifies bearer tokens of one issuer for one audience (list).
 *
 * @example
 * ```ts
 * const verifier: OidcVerifier = getOidcVerifier({ issuer, audience })
 * const { payload } = await verifier.verify(token)
 * ```
 */
export interface OidcVerifier {
  /** The configured issuer. */
  readonly issuer: string
  /** Verifies `token` and returns its claims and header; throws an {@link OidcError} otherwise. */
  verify<T = unknown>(token: string): Promise<VerifiedToken<T>>
}

/**
 * Creates a verifier for bearer tokens of `issuer` meant for `audience`. Prefer {@link getOidcVerifier} in a
 * Worker, which keeps one verifier (and its warm keys) per option set for the isolate's lifetime.
 *
 * @example
 * ```ts
 * const verifier = createOidcVerifier({
 *   issuer: 'https://login.example.com/',
 *   audience: 'https://cms.example.com',
 * })
 * const { payload } = await verifier.verify(bearerToken)
 * console.log(payload.sub)
 * ```
 */
export function createOidcVerifier(options: OidcVerifierOptions): OidcVerifier {
  return createVerifier(resolveOptions(options), runtime())
}

/**
 * Scope checks for access tokens. IdPs disagree on the claim: RFC 9068 and Okta use `scope` (a
 * space-separated string), Azure AD and some Auth0 setups use `scp` (an array, or a space-separated
 * string). Both are read; a token must carry every required scope.
 */

import { JWTScopeMissing } from './errors.ts'
import type { JWTPayload } from './token-types.ts'

/**
 * The scopes a token carries, from `scope` and `scp`.
 *
 * @example
 * ```ts
 * tokenScopes({ scope: 'read write' }) // Set { 'read', 'write' }
 * ```
 */
export function tokenScopes(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>()
  for (const claim of [payload.scope, payload.scp]) {
    const values = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : []
    for (const v of values) if (typeof v === 'string' && v !== '') scopes.add(v)
  }
  return scopes
}

/**
 * Throws `ERR_JWT_SCOPE` unless the verified payload carries every scope in `required`.
 *
 * @example
 * ```ts
 * const { payload } = await verifier.verify(token)
 * requireScopes(payload, ['content:read'])
 * ```
 */
export function requireScopes(payload: JWTPayload, required: readonly string[]): void {
  const have = tokenScopes(payload)
  for (const scope of required) {
    if (!have.has(scope)) throw new JWTScopeMissing({ detail: 'required scope missing' })
  }
}

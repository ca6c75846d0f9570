/**
 * The request-independent part of both adapters: their options (a verifier, or the options to get one),
 * and one authentication of an `Authorization` header value against them. The adapters only move headers
 * and the result in and out of their framework.
 */
import type { VerifiedToken } from '../create-oidc-verifier.ts'
import { getOidcVerifier } from '../get-oidc-verifier.ts'
import type { OidcAuthOptions, TokenVerifier } from '../oidc-auth-options.ts'
import { requireScopes } from '../require-scopes.ts'
import {
  type BearerRefusal,
  checkRealm,
  checkScopes,
  readBearer,
  refuseCredential,
  refuseError,
} from './bearer-challenge.ts'

/** The options checked once, at construction. */
export interface BearerAuth {
  verifier: TokenVerifier
  requiredScopes: readonly string[]
  realm: string
}

/** What one request's `Authorization` header came to. */
export type BearerOutcome = { ok: true; token: VerifiedToken } | { ok: false; refusal: BearerRefusal }

/** Checks the adapter options; a wrong one is a `TypeError` when the middleware is built. */
export function resolveBearerAuth(options: OidcAuthOptions): BearerAuth {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object')
  const { requiredScopes, realm = 'api', ...rest } = options
  let verifier: TokenVerifier
  if ('verifier' in rest) {
    if (typeof rest.verifier?.verify !== 'function') throw new TypeError('verifier must have a verify method')
    verifier = rest.verifier
  } else {
    verifier = getOidcVerifier(rest)
  }
  return { verifier, requiredScopes: checkScopes(requiredScopes), realm: checkRealm(realm) }
}

/**
 * Authenticates one request from its `Authorization` header. Errors that are not an `OidcError` (bugs)
 * are rethrown for the framework's error handler.
 */
export async function authenticateBearer(
  auth: BearerAuth,
  authorization: string | null | undefined,
): Promise<BearerOutcome> {
  const credential = readBearer(authorization)
  if (credential.kind !== 'token')
    return { ok: false, refusal: refuseCredential(credential.kind, auth.realm) }
  try {
    const token = await auth.verifier.verify(credential.token)
    if (auth.requiredScopes.length > 0) requireScopes(token.payload, auth.requiredScopes)
    return { ok: true, token }
  } catch (error) {
    const refusal = refuseError(error, auth.realm, auth.requiredScopes)
    if (refusal === undefined) throw error
    return { ok: false, refusal }
  }
}

/**
 * A stranger's CommonJS module (`.cts`, compiled to `require`) against the published packages: each
 * entry's `require` declarations (`.d.cts`) resolve and stand alone, with `skipLibCheck: false`. The
 * misspelt codes below must fail to compile.
 */
import { type AuthJwtErrorCode, createSessionIssuer, isAuthJwtError } from '@alokai/auth-jwt'
import { type SessionAuthEnv, sessionAuth } from '@alokai/auth-jwt/hono'
import { createOidcVerifier, isOidcError, type JWTPayload, type OidcErrorCode } from '@alokai/auth-oidc'
import { type AuthMiddleware, oidcAuth } from '@alokai/auth-oidc/express'
import { oidcAuth as honoOidcAuth } from '@alokai/auth-oidc/hono'
import { createKeyring, generateKey, isCryptoError } from '@alokai/crypto'
import { createProbeNonce } from '@alokai/crypto/probe'
import { isEnvError } from '@alokai/env'
import type { MiddlewareHandler } from 'hono'

export const refusal: AuthJwtErrorCode = 'ERR_JWT_EXPIRED'
// @ts-expect-error - a misspelt auth-jwt code must not compile
export const misspeltJwt: AuthJwtErrorCode = 'ERR_JWT_EXPIRD'
export const scope: OidcErrorCode = 'ERR_JWT_SCOPE'
// @ts-expect-error - a misspelt auth-oidc code must not compile
export const misspeltOidc: OidcErrorCode = 'ERR_JWT_SCOOPE'

export function known(error: unknown): boolean {
  // @ts-expect-error - a misspelt code must not compile in the guard either
  if (isOidcError(error, 'ERR_JWKS_FETCHED')) return true
  return isAuthJwtError(error) || isOidcError(error) || isCryptoError(error) || isEnvError(error)
}

export function middleware(
  secret: string,
): [MiddlewareHandler<SessionAuthEnv>, AuthMiddleware, MiddlewareHandler] {
  const sessions = createSessionIssuer({
    secret,
    issuer: 'https://app.example',
    audience: 'app',
    ttlSeconds: 600,
  })
  const verifier = createOidcVerifier({ issuer: 'https://login.example/', audience: 'api' })
  return [sessionAuth({ issuer: sessions }), oidcAuth({ verifier }), honoOidcAuth({ verifier })]
}

export async function subject(token: string): Promise<string | undefined> {
  const verifier = createOidcVerifier({ issuer: 'https://login.example/', audience: 'api' })
  const payload: JWTPayload = (await verifier.verify(token)).payload
  const keyring = await createKeyring({ primary: generateKey() })
  return `${payload.sub}${createProbeNonce()}${keyring.kids.length}`
}

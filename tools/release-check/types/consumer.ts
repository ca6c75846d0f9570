/**
 * A stranger's ES module against the published packages, type-checked with `skipLibCheck: false` under
 * node16, nodenext and bundler resolution (`consumer.cts` is its CommonJS twin). Every entry is imported
 * and used as its README shows; each `@ts-expect-error` line must fail to compile, so error codes that
 * degrade to `any` (or a declaration that cannot be resolved) fail the check.
 */
import {
  type AuthJwtErrorCode,
  createSessionIssuer,
  isAuthJwtError,
  serializeSessionCookie,
} from '@alokai/auth-jwt'
import { type SessionAuthEnv, sessionAuth } from '@alokai/auth-jwt/hono'
import {
  createMultiIssuerVerifier,
  createOidcVerifier,
  isOidcError,
  type OidcErrorCode,
  type VerifiedToken,
} from '@alokai/auth-oidc'
import { oidcAuth as expressOidcAuth } from '@alokai/auth-oidc/express'
import { type OidcVariables, oidcAuth } from '@alokai/auth-oidc/hono'
import {
  type CryptoErrorCode,
  createKeyring,
  generateKey,
  isCryptoError,
  openText,
  seal,
} from '@alokai/crypto'
import { createProbeNonce, PROBE_HEADERS, signProbe } from '@alokai/crypto/probe'
import { defineEnv, type EnvErrorCode, isEnvError, parseEnv } from '@alokai/env'
import { Hono } from 'hono'
import { z } from 'zod'

/** Holds only when `Code` is a union of string literals that does not take just any string. */
type LiteralCodes<Code> = string extends Code ? false : [Code] extends [string] ? true : false
export const literalCodes: [
  LiteralCodes<AuthJwtErrorCode>,
  LiteralCodes<OidcErrorCode>,
  LiteralCodes<CryptoErrorCode>,
  LiteralCodes<EnvErrorCode>,
] = [true, true, true, true]

export function status(error: unknown): number {
  if (isAuthJwtError(error, 'ERR_JWT_EXPIRED')) return error.claim === 'exp' ? 401 : 400
  // @ts-expect-error - a misspelt auth-jwt code must not compile
  if (isAuthJwtError(error, 'ERR_JWT_EXPIRD')) return 401
  if (isOidcError(error, 'ERR_JWT_SCOPE')) return 403
  // @ts-expect-error - a misspelt auth-oidc code must not compile
  if (isOidcError(error, 'ERR_JWT_SCOOPE')) return 403
  if (isCryptoError(error, 'ERR_DECRYPT')) return 422
  if (isEnvError(error, 'ERR_ENV_INVALID')) return 500
  return 500
}

export async function sessions(secret: string): Promise<Hono<SessionAuthEnv>> {
  const issuer = createSessionIssuer({
    secret,
    issuer: 'https://app.example',
    audience: 'app',
    ttlSeconds: 600,
  })
  const token = await issuer.sign({ sub: 'user-1', sid: 'session-1' })
  const cookie: string = serializeSessionCookie(token, { maxAge: 600 })
  const app = new Hono<SessionAuthEnv>()
  app.use('/me', sessionAuth({ issuer }))
  app.get('/me', (c) => c.json({ sub: c.get('session').sub, cookie }))
  return app
}

export function bearer(): Hono<{ Variables: OidcVariables }> {
  const options = { issuer: 'https://login.example/', audience: 'api' }
  const verifier = createOidcVerifier(options)
  const many = createMultiIssuerVerifier([options])
  const app = new Hono<{ Variables: OidcVariables }>()
  app.use('/api/*', oidcAuth({ verifier }))
  app.get('/api/me', (c) => {
    const token: VerifiedToken = c.get('oidc')
    return c.json({ sub: token.payload.sub ?? null, alg: token.header.alg, issuer: many.issuers })
  })
  expressOidcAuth({ verifier: many })
  return app
}

export async function secrets(): Promise<string> {
  const keyring = await createKeyring({ primary: generateKey() })
  const sealed = await seal(keyring, 'value', { table: 'tokens', id: '1' })
  const nonce: string = createProbeNonce()
  const request = { timestamp: Math.floor(Date.now() / 1000), nonce, host: 'store.example' }
  const signed: string = await signProbe('probe-secret-0123456789abcdef0123', request)
  return `${await openText(keyring, sealed, { table: 'tokens', id: '1' })}${signed}${PROBE_HEADERS.signature}`
}

export const serviceEnv = defineEnv({
  ENVIRONMENT: { schema: z.enum(['development', 'production']), description: 'where it runs' },
})
export const parsed: 'development' | 'production' = parseEnv(serviceEnv, {
  ENVIRONMENT: 'development',
}).ENVIRONMENT

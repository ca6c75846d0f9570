/**
 * `@alokai/auth-oidc`: verifying an IdP access token with a warm JWKS, RS256 and ES256, in Node and inside
 * workerd. The floor is the bare signature check (node:crypto in Node, Web Crypto in workerd); the other
 * cases do the whole job (parse, key lookup, signature, claims): jose `jwtVerify` with `createLocalJWKSet`,
 * aws-jwt-verify with a cached JWKS, and this package with its key cache.
 */
import { type KeyObject, verify as nodeVerify } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createOidcVerifier } from '@alokai/auth-oidc'
import { JwtVerifier } from 'aws-jwt-verify'
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose'
import { printResults, runSuite } from '../src/harness.ts'
import { runWorkerdSuite } from '../src/workerd.ts'

const ISSUER = 'https://idp.bench'
const AUDIENCE = 'https://cms.bench'

async function nodeCases(alg: 'RS256' | 'ES256') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: `${alg}-1`, alg, use: 'sig' }
  const jwks = { keys: [jwk] }
  const token = await new SignJWT({ sub: 'user-1', scope: 'read' })
    .setProtectedHeader({ alg, kid: jwk.kid! })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey)

  const { KeyObject: KO } = await import('node:crypto')
  const keyObject: KeyObject = KO.from(publicKey)
  const key = alg === 'ES256' ? { key: keyObject, dsaEncoding: 'ieee-p1363' as const } : keyObject
  const floor = () => {
    const dot = token.lastIndexOf('.')
    const sig = Buffer.from(token.slice(dot + 1), 'base64url')
    if (!nodeVerify('sha256', Buffer.from(token.slice(0, dot)), key, sig)) throw new Error('floor failed')
  }

  const local = createLocalJWKSet(jwks)
  const awsVerifier = JwtVerifier.create({ issuer: ISSUER, audience: AUDIENCE, jwksUri: `${ISSUER}/jwks` })
  awsVerifier.cacheJwks(jwks as never)
  const verifier = createOidcVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUri: `${ISSUER}/jwks`,
    algorithms: [alg],
    fetch: async () => new Response(JSON.stringify(jwks), { headers: { 'cache-control': 'max-age=3600' } }),
  })
  await verifier.verify(token) // warm: JWKS fetched, key imported

  return {
    'node:crypto verify (floor)': floor,
    'jose jwtVerify + createLocalJWKSet': () =>
      jwtVerify(token, local, { issuer: ISSUER, audience: AUDIENCE, algorithms: [alg] }),
    'aws-jwt-verify (cached JWKS)': () => awsVerifier.verify(token),
    '@alokai/auth-oidc': () => verifier.verify(token),
  }
}

const workerNames: Record<string, string> = {
  floor: 'Web Crypto verify (floor)',
  jose: 'jose jwtVerify + createLocalJWKSet',
  aws: 'aws-jwt-verify (cached JWKS)',
  pkg: '@alokai/auth-oidc',
}

export async function run(): Promise<void> {
  for (const alg of ['RS256', 'ES256'] as const) {
    const title = `auth-oidc: verify ${alg}, warm JWKS (node)`
    const floor = 'node:crypto verify (floor)'
    printResults(title, floor, await runSuite({ title, floor, cases: await nodeCases(alg) }))
  }
  const entry = fileURLToPath(new URL('../workers/auth-oidc.ts', import.meta.url))
  for (const alg of ['RS256', 'ES256'] as const) {
    const title = `auth-oidc: verify ${alg}, warm JWKS (workerd)`
    const cases = Object.keys(workerNames).map((c) => `${alg}:${c}`)
    const results = await runWorkerdSuite({ title, floor: `${alg}:floor`, entry, cases, opsPerRequest: 400 })
    const named = results.map((r) => ({ ...r, name: workerNames[r.name.split(':')[1] ?? ''] ?? r.name }))
    printResults(title, workerNames.floor!, named)
  }
}

/**
 * Bench worker for `@alokai/auth-oidc`: `GET /?case=<alg>:<impl>&n=<N>` verifies one warm token N times.
 * Keys and tokens are made on the first request (workerd refuses random values at module scope); only
 * finished values are kept between requests, never a promise.
 */
import { createOidcVerifier, type OidcVerifier } from '@alokai/auth-oidc'
import { JwtVerifier } from 'aws-jwt-verify'
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose'

const ISSUER = 'https://idp.bench'
const AUDIENCE = 'https://cms.bench'

interface Fixture {
  token: string
  floor: () => Promise<boolean>
  jose: () => Promise<unknown>
  aws: () => Promise<unknown>
  pkg: () => Promise<unknown>
}

const fixtures = new Map<string, Fixture>()

function b64urlDecode(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

async function makeFixture(alg: 'RS256' | 'ES256'): Promise<Fixture> {
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

  const subtleAlg = alg === 'RS256' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' }
  const encoder = new TextEncoder()
  const floor = async () => {
    const dot = token.lastIndexOf('.')
    const sig = b64urlDecode(token.slice(dot + 1))
    return crypto.subtle.verify(subtleAlg, publicKey, sig, encoder.encode(token.slice(0, dot)))
  }

  const local = createLocalJWKSet(jwks)
  const jose = () => jwtVerify(token, local, { issuer: ISSUER, audience: AUDIENCE, algorithms: [alg] })

  const awsVerifier = JwtVerifier.create({ issuer: ISSUER, audience: AUDIENCE, jwksUri: `${ISSUER}/jwks` })
  awsVerifier.cacheJwks(jwks as never)
  const aws = () => awsVerifier.verify(token)

  const verifier: OidcVerifier = createOidcVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUri: `${ISSUER}/jwks`,
    algorithms: [alg],
    fetch: async () => new Response(JSON.stringify(jwks), { headers: { 'cache-control': 'max-age=3600' } }),
  })
  const pkg = () => verifier.verify(token)

  for (const warm of [floor, jose, aws, pkg]) await warm()
  return { token, floor, jose, aws, pkg }
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const [alg, impl] = (url.searchParams.get('case') ?? '').split(':') as [string, keyof Fixture]
    const n = Number(url.searchParams.get('n') ?? 0)
    if ((alg !== 'RS256' && alg !== 'ES256') || !['floor', 'jose', 'aws', 'pkg'].includes(impl)) {
      return new Response('unknown case', { status: 400 })
    }
    let fixture = fixtures.get(alg)
    if (fixture === undefined) {
      fixture = await makeFixture(alg)
      fixtures.set(alg, fixture)
    }
    const run = fixture[impl] as () => Promise<unknown>
    for (let i = 0; i < n; i++) await run()
    return new Response('ok')
  },
}

/**
 * An in-test identity provider for both runtimes: real keys (jose), a real discovery document and JWKS,
 * served through a `fetch` function the verifier is given (transport injection: workerd tests cannot reach
 * a server the test process starts). It counts every request by path so tests can assert fetch budgets,
 * and it can go "down" (every request fails like a refused connection).
 */
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose'
import type { FetchLike } from '../src/index.ts'

export interface LocalKey {
  kid: string
  alg: string
  privateKey: CryptoKey
  publicJwk: JWK
}

export const ISSUER = 'https://idp.test'
export const AUDIENCE = 'https://cms.test'

export async function makeKey(alg: string, kid: string): Promise<LocalKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return { kid, alg, privateKey, publicJwk }
}

export class LocalIdp {
  keys: LocalKey[]
  down = false
  cacheControl: string = 'public, max-age=600'
  readonly hits: Map<string, number> = new Map()
  readonly issuer: string

  constructor(keys: LocalKey[], issuer: string = ISSUER) {
    this.keys = keys
    this.issuer = issuer
  }

  count(path: string): number {
    return this.hits.get(path) ?? 0
  }

  readonly fetch: FetchLike = async (input) => {
    const url = new URL(input)
    this.hits.set(url.pathname, this.count(url.pathname) + 1)
    if (this.down) throw new TypeError('fetch failed')
    const headers = { 'content-type': 'application/json', 'cache-control': this.cacheControl }
    if (url.origin === new URL(this.issuer).origin && url.pathname === '/.well-known/openid-configuration') {
      const body = { issuer: this.issuer, jwks_uri: `${new URL(this.issuer).origin}/jwks` }
      return new Response(JSON.stringify(body), { headers })
    }
    if (url.pathname === '/jwks') {
      return new Response(JSON.stringify({ keys: this.keys.map((k) => k.publicJwk) }), { headers })
    }
    return new Response('not found', { status: 404 })
  }

  async sign(
    claims: JWTPayload = {},
    key: LocalKey = this.keys[0]!,
    header: Record<string, unknown> = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({
      iss: this.issuer,
      aud: AUDIENCE,
      sub: 'user-1',
      iat: now,
      exp: now + 600,
      ...claims,
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header })
      .sign(key.privateKey)
  }
}

/** A `CacheStore` in a Map: what a shared store looks like from one process. */
export function mapStore(): {
  map: Map<string, string>
  get(key: string): Promise<string | undefined>
  put(key: string, value: string): Promise<void>
} {
  const map = new Map<string, string>()
  return {
    map,
    get: async (key) => map.get(key),
    put: async (key, value) => {
      map.set(key, value)
    },
  }
}

export function b64url(value: unknown): string {
  const bytes = new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

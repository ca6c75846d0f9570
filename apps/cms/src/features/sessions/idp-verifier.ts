/**
 * OIDC bearer tokens: the IdP's access token is verified by @alokai/auth-oidc against the issuer's JWKS,
 * must carry the configured scope, and maps to a CMS user by (iss, sub). Discovery and JWKS are cached in
 * `caches.default` (per colo, shared by isolates) with the KV namespace as the fallback where the Cache
 * API does nothing (`*.workers.dev`).
 */
import { type CacheStore, cacheApiStore, getOidcVerifier, kvStore, requireScopes } from '@alokai/auth-oidc'
import type { CmsConfig } from '../../domain/config'
import { authTimeOf } from './auth-time'

/** The identity an IdP token proves. */
export interface OidcIdentity {
  iss: string
  sub: string
  /**
   * `auth_time` in epoch ms: when the user authenticated at the IdP; `null` without one. Never `iat`: a
   * token minted by a refresh hours after the sign-in is new, the authentication behind it is not.
   */
  authTime: number | null
  /** `exp` in epoch ms, or `null` without one. */
  expiresAt: number | null
  /** `iat` in epoch ms, or `null` without one: a token issued before the user's last disable is refused. */
  issuedAt: number | null
}

/**
 * Reads from the Cache API first and falls back to KV; writes to both. Failures of one tier never fail
 * verification (the verifier can always fetch again).
 * @example const store = tieredStore(cacheApiStore(caches.default), kvStore(env.OIDC_CACHE))
 */
function tieredStore(first: CacheStore, second: CacheStore): CacheStore {
  return {
    async get(key) {
      const hit = await first.get(key).catch(() => undefined)
      if (hit !== undefined) return hit
      return second.get(key).catch(() => undefined)
    },
    async put(key, value, ttlSeconds) {
      await Promise.allSettled([first.put(key, value, ttlSeconds), second.put(key, value, ttlSeconds)])
    },
  }
}

/** A verified token whose `auth_time` lies in the future would pass every recency check: refused. */
class FutureAuthTime extends Error {
  override readonly name: string = 'FutureAuthTime'
  constructor() {
    super('token auth_time is in the future')
  }
}

/** A verified token without a subject cannot name a user. */
class MissingSubject extends Error {
  override readonly name: string = 'MissingSubject'
  constructor() {
    super('token has no subject')
  }
}

const stores = new WeakMap<Env, CacheStore>()

/**
 * The IdP key cache shared across isolates (Cache API first, then KV): one store per env object, so a
 * verifier memoised on its options is reused across requests. Used for bearer tokens and for the
 * dashboard's ID tokens alike.
 * @example getOidcVerifier({ issuer, audience, cache: oidcCacheStore(c.env) })
 */
export function oidcCacheStore(env: Env): CacheStore {
  let store = stores.get(env)
  if (!store) {
    store = tieredStore(cacheApiStore(caches.default), kvStore(env.OIDC_CACHE))
    stores.set(env, store)
  }
  return store
}

/**
 * Verifies an IdP access token and its scope (the package's `OidcError` on a failure), and refuses a
 * token without a subject or with an `auth_time` past `now` (plus the skew).
 * @example const identity = await verifyIdpToken(config.oidc, env, deps, token, Date.now())
 */
export async function verifyIdpToken(
  oidc: NonNullable<CmsConfig['oidc']>,
  env: Env,
  deps: { oidcFetch?: typeof fetch | undefined },
  token: string,
  now: number,
): Promise<OidcIdentity> {
  const verifier = getOidcVerifier({
    issuer: oidc.issuer,
    audience: oidc.audience,
    cache: oidcCacheStore(env),
    ...(deps.oidcFetch ? { fetch: deps.oidcFetch } : {}),
  })
  const { payload } = await verifier.verify(token)
  requireScopes(payload, [oidc.requiredScope])
  const { iss, sub } = payload
  if (typeof iss !== 'string' || typeof sub !== 'string' || sub === '') throw new MissingSubject()
  const authTime = authTimeOf(payload.auth_time, now)
  if (authTime === 'future') throw new FutureAuthTime()
  return {
    iss,
    sub,
    authTime,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
    issuedAt: typeof payload.iat === 'number' ? payload.iat * 1000 : null,
  }
}

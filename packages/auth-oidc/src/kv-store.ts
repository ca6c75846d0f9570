/**
 * A {@link CacheStore} over Workers KV. KV is global and works on every hostname (unlike the Cache API),
 * at the price of a write per refresh and eventual consistency (a put can take up to a minute to show up
 * in other locations, which the verifier tolerates: a miss only means one more fetch).
 */
import type { CacheStore } from './cache-store.ts'

/**
 * The part of a KV namespace binding this adapter uses (`KVNamespace` satisfies it).
 *
 * @example
 * ```ts
 * const kv: KvLike = env.OIDC_CACHE
 * ```
 */
export interface KvLike {
  get(key: string, type: 'text'): Promise<string | null>
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>
}

/**
 * Options of {@link kvStore}.
 *
 * @example
 * ```ts
 * kvStore(env.SHARED_KV, { prefix: 'cms:oidc:' })
 * ```
 */
export interface KvStoreOptions {
  /**
   * Prefix of every key written, so the verifier can share a namespace with other data.
   * @default 'auth-oidc:v1:'
   */
  prefix?: string
}

// KV refuses an `expirationTtl` under 60 seconds.
const KV_MIN_TTL_SECONDS = 60

/**
 * Wraps a KV namespace as a {@link CacheStore}.
 *
 * @example
 * ```ts
 * const verifier = getOidcVerifier({
 *   issuer: env.OIDC_ISSUER,
 *   audience: env.OIDC_AUDIENCE,
 *   cache: kvStore(env.OIDC_CACHE),
 * })
 * ```
 */
export function kvStore(namespace: KvLike, options: KvStoreOptions = {}): CacheStore {
  const prefix = options.prefix ?? 'auth-oidc:v1:'
  return {
    async get(key) {
      return (await namespace.get(prefix + key, 'text')) ?? undefined
    },
    async put(key, value, ttlSeconds) {
      const expirationTtl = Math.max(KV_MIN_TTL_SECONDS, Math.ceil(ttlSeconds))
      await namespace.put(prefix + key, value, { expirationTtl })
    },
  }
}

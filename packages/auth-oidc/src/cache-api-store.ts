/**
 * A {@link CacheStore} over the Workers Cache API (`caches.default`). It is per data centre, free and fast,
 * but it does nothing on `*.workers.dev` hostnames and behind Cloudflare Access (puts are dropped), so there
 * it silently degrades to module memory only; use {@link kvStore} if that matters.
 */
import type { CacheStore } from './cache-store.ts'

/**
 * The part of the Cache API this adapter uses (`caches.default` satisfies it).
 *
 * @example
 * ```ts
 * const cache: CacheLike = await caches.open('auth-oidc')
 * ```
 */
export interface CacheLike {
  match(request: Request): Promise<Response | undefined>
  put(request: Request, response: Response): Promise<void>
}

/**
 * Options of {@link cacheApiStore}.
 *
 * @example
 * ```ts
 * cacheApiStore(caches.default, { prefix: 'https://oidc-cache.internal/staging/' })
 * ```
 */
export interface CacheApiStoreOptions {
  /**
   * The URL prefix cache keys live under. It never leaves the Worker (the Cache API keys on URLs but does
   * not fetch them); change it only to keep two deployments' entries apart.
   * @default 'https://auth-oidc.cache.alokai.internal/v1/'
   */
  prefix?: string
}

/**
 * Wraps a Cache API cache as a {@link CacheStore}.
 *
 * @example
 * ```ts
 * const verifier = getOidcVerifier({
 *   issuer: env.OIDC_ISSUER,
 *   audience: env.OIDC_AUDIENCE,
 *   cache: cacheApiStore(caches.default),
 * })
 * ```
 */
export function cacheApiStore(cache: CacheLike, options: CacheApiStoreOptions = {}): CacheStore {
  const prefix = options.prefix ?? 'https://auth-oidc.cache.alokai.internal/v1/'
  const requestFor = (key: string): Request => new Request(prefix + encodeURIComponent(key))
  return {
    async get(key) {
      const res = await cache.match(requestFor(key))
      return res === undefined ? undefined : await res.text()
    },
    async put(key, value, ttlSeconds) {
      const headers = {
        'content-type': 'application/json',
        'cache-control': `max-age=${Math.max(1, Math.ceil(ttlSeconds))}`,
      }
      await cache.put(requestFor(key), new Response(value, { headers }))
    },
  }
}

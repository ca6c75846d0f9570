/**
 * The store the verifier shares across isolates. A Worker's isolate is recycled often and many run at
 * once, so module memory alone would mean a discovery + JWKS fetch per isolate; a shared store (the Cache
 * API or KV) lets a fresh isolate pick up what another one fetched. The store only ever holds public data
 * (a discovery document, a JWKS) with the time it was fetched, and is read as untrusted input.
 */

/**
 * A string key/value store with per-entry expiry. Implementations must not throw for a missing key
 * (return `undefined`); the verifier treats any other failure as a miss and carries on.
 *
 * @example
 * ```ts
 * const memory = new Map<string, string>()
 * const store: CacheStore = {
 *   get: async (key) => memory.get(key),
 *   put: async (key, value) => void memory.set(key, value),
 * }
 * ```
 */
export interface CacheStore {
  /** The value stored under `key`, or `undefined`. */
  get(key: string): Promise<string | undefined>
  /** Stores `value` under `key` for about `ttlSeconds` (a store may keep it shorter). */
  put(key: string, value: string, ttlSeconds: number): Promise<void>
}

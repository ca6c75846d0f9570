/**
 * One verifier per option set for the isolate's lifetime. A Worker builds its options from `env` on every
 * request; memoising on their value (and on the identity of `cache` and `fetch`) keeps the warm keys and the
 * import cache instead of starting cold each time. Only verifiers are kept, never a promise.
 */
import { createOidcVerifier, type OidcVerifier } from './create-oidc-verifier.ts'
import type { OidcVerifierOptions } from './options.ts'

// A Worker normally has one or two issuers; the bound keeps option sets built per request from leaking.
const MAX_VERIFIERS = 32
const verifiers = new Map<string, OidcVerifier>()
const objectIds = new WeakMap<object, number>()
let nextObjectId = 1

function idOf(value: object | undefined): number {
  if (value === undefined) return 0
  let id = objectIds.get(value)
  if (id === undefined) {
    id = nextObjectId++
    objectIds.set(value, id)
  }
  return id
}

function keyOf(o: OidcVerifierOptions): string {
  const { cache, fetch, ...plain } = o
  const sorted = Object.fromEntries(Object.entries(plain).sort(([a], [b]) => (a < b ? -1 : 1)))
  return JSON.stringify([sorted, idOf(cache), idOf(fetch)])
}

/**
 * Returns the verifier for these options, creating it on first use. Two calls with equal options (and the
 * same `cache` and `fetch` objects) share one verifier and its caches.
 *
 * @example
 * ```ts
 * export default {
 *   async fetch(request, env) {
 *     const verifier = getOidcVerifier({ issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE })
 *     const token = request.headers.get('authorization')?.replace(/^Bearer /i, '') ?? ''
 *     const { payload } = await verifier.verify(token)
 *     return new Response(`hello ${payload.sub}`)
 *   },
 * } satisfies ExportedHandler<Env>
 * ```
 */
export function getOidcVerifier(options: OidcVerifierOptions): OidcVerifier {
  const key = keyOf(options)
  const hit = verifiers.get(key)
  if (hit !== undefined) return hit
  const verifier = createOidcVerifier(options)
  if (verifiers.size >= MAX_VERIFIERS) {
    const oldest = verifiers.keys().next().value
    if (oldest !== undefined) verifiers.delete(oldest)
  }
  verifiers.set(key, verifier)
  return verifier
}

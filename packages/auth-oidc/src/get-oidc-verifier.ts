/**
 * One verifier per option set for the isolate's lifetime. A Worker builds its options from `env` on every
 * request; memoising on their value (and on the identity of `cache` and `fetch`) keeps the warm keys and the
 * import cache instead of starting cold each time. Only verifiers are kept, never a promise.
 */
import { createOidcVerifier, type OidcVerifier } from './create-oidc-verifier.ts'
import { BoundedMemo, optionsKey } from './internal/options-key.ts'
import type { OidcVerifierOptions } from './options.ts'

// A Worker normally has one or two issuers; the bound keeps option sets built per request from leaking.
const verifiers = new BoundedMemo<OidcVerifier>(32)

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
  return verifiers.get(optionsKey(options), () => createOidcVerifier(options))
}

/**
 * The storefront → CMS half of the preview-URL probe: after a request verifies, the storefront answers
 * `{ "ok": true, "signature": "v1=<hex HMAC-SHA256(secret, "response.<nonce>")>" }`, proving it holds
 * the secret too (a URL that merely returns 200 to everything does not pass).
 */
import { isProbeNonce, type ProbeSecret, signMessage, verifyMessage } from './internal/probe-mac.ts'

/**
 * Signs the storefront's probe response for the request's nonce.
 *
 * @example
 * ```ts
 * const signature = await signProbeResponse(env.CMS_PROBE_SECRET, { nonce })
 * return Response.json({ ok: true, signature })
 * ```
 */
export async function signProbeResponse(secret: ProbeSecret, response: { nonce: string }): Promise<string> {
  if (!isProbeNonce(response.nonce)) throw new TypeError('nonce must be 32 lower-case hex characters')
  return signMessage(secret, `response.${response.nonce}`)
}

/**
 * Verifies a storefront's probe response signature for the nonce the CMS sent (constant time).
 * Returns `false` for a missing, malformed or wrong signature.
 *
 * @example
 * ```ts
 * const body = await res.json()
 * const live = body.ok === true && (await verifyProbeResponse(secret, { nonce, signature: body.signature }))
 * ```
 */
export async function verifyProbeResponse(
  secret: ProbeSecret,
  response: { nonce: string; signature: string | null | undefined },
): Promise<boolean> {
  if (!isProbeNonce(response.nonce)) throw new TypeError('nonce must be 32 lower-case hex characters')
  return verifyMessage(secret, `response.${response.nonce}`, response.signature)
}

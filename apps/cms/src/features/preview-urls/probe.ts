/**
 * The preview-URL probe (docs/design.md, Preview probe; `@alokai/crypto/probe`): `GET <url>/api/cms-probe`, signed when a
 * probe secret is configured. The signed host is the configured URL's host (lower case, non-default port
 * kept: `URL.host`), never anything the network says. Outcomes: `verified` (the storefront answered
 * `{ ok: true, signature }` and the response signature checks for our nonce), `reachable_unverified` (no
 * secret configured and a 2xx), or `failed` with a fixed reason. With a secret, a 401/403 means the
 * storefront refused our signature (different secret, or clocks apart by more than 5 minutes) and is
 * reported as `bad_signature`.
 */
import { createProbeNonce, PROBE_HEADERS, signProbe, verifyProbeResponse } from '@alokai/crypto/probe'
import type { OutboundPolicy } from '../../domain/outbound-policy'
import { outboundFetch } from '../../outbound/outbound-fetch'
import type { OutboundFailureReason } from '../../outbound/reasons'

/** The stored outcome of a probe. */
export type ProbeOutcome =
  | { status: 'verified' }
  | { status: 'reachable_unverified' }
  | { status: 'failed'; reason: OutboundFailureReason }

/**
 * The probe URL for a configured preview URL: its path with `/api/cms-probe` appended, no query or hash.
 * @example probeUrl('https://shop.example.com/de/') // 'https://shop.example.com/de/api/cms-probe'
 */
export function probeUrl(previewUrl: string): URL {
  const url = new URL(previewUrl)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/cms-probe`
  url.search = ''
  url.hash = ''
  return url
}

function parseBody(body: Uint8Array): { ok?: unknown; signature?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body),
    )
    return typeof value === 'object' && value !== null
      ? (value as { ok?: unknown; signature?: unknown })
      : undefined
  } catch {
    return undefined
  }
}

/**
 * Probes a preview URL.
 * @example const outcome = await probePreview(policy, { url, secret, nowSeconds: Math.floor(Date.now() / 1000) })
 */
export async function probePreview(
  policy: OutboundPolicy,
  input: { url: string; secret: string | undefined; nowSeconds: number },
): Promise<ProbeOutcome> {
  let target: URL
  try {
    target = probeUrl(input.url)
  } catch {
    return { status: 'failed', reason: 'invalid_url' }
  }
  if (input.secret === undefined) {
    const res = await outboundFetch(policy, { url: target.href, method: 'GET' })
    return res.ok ? { status: 'reachable_unverified' } : { status: 'failed', reason: res.reason }
  }
  const nonce = createProbeNonce()
  const timestamp = input.nowSeconds
  const signature = await signProbe(input.secret, { timestamp, nonce, host: target.host })
  const res = await outboundFetch(policy, {
    url: target.href,
    method: 'GET',
    headers: {
      accept: 'application/json',
      [PROBE_HEADERS.timestamp]: String(timestamp),
      [PROBE_HEADERS.nonce]: nonce,
      [PROBE_HEADERS.signature]: signature,
    },
  })
  if (!res.ok) {
    return { status: 'failed', reason: res.reason === 'unauthorized' ? 'bad_signature' : res.reason }
  }
  const body = parseBody(res.body)
  if (body?.ok !== true) return { status: 'failed', reason: 'bad_response' }
  const signed = typeof body.signature === 'string' ? body.signature : undefined
  const verified = await verifyProbeResponse(input.secret, { nonce, signature: signed })
  return verified ? { status: 'verified' } : { status: 'failed', reason: 'bad_signature' }
}

/**
 * The one outbound `fetch` of the CMS (MCP calls, preview probes). It applies the URL policy, never follows
 * a redirect (`redirect: 'manual'`, any 3xx is a failure, so a public URL cannot bounce the call to a
 * private one), bounds the whole exchange by a timeout, streams the body with a byte cap, and turns every
 * failure into a fixed reason. Upstream bodies of failed calls are cancelled unread; error messages of the
 * platform are inspected only to pick a reason and are never passed on.
 */
import { readBodyCapped } from '@alokai/internal'
import type { OutboundPolicy } from '../domain/outbound-policy'
import { type OutboundFailureReason, reasonForStatus } from './reasons'
import { checkOutboundUrl } from './url-policy'

/** One outbound request. */
export interface OutboundRequest {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

/** A successful (2xx) exchange, body fully read, or a failure reason. */
export type OutboundResult =
  | { ok: true; status: number; headers: Headers; body: Uint8Array }
  | { ok: false; reason: OutboundFailureReason }

/** The default time budget of one exchange. */
export const DEFAULT_TIMEOUT_MS: number = 10_000
/** The default response cap: 1 MiB. */
export const DEFAULT_MAX_BYTES: number = 1024 * 1024

const TIMED_OUT = Symbol('timed out')

function classifyError(err: unknown, timedOut: boolean): OutboundFailureReason {
  if (timedOut) return 'timeout'
  const name = err instanceof Error ? err.name : ''
  const message = err instanceof Error ? err.message : ''
  if (name === 'AbortError' || name === 'TimeoutError') return 'timeout'
  if (/\b(tls|ssl|certificate|handshake)\b/i.test(message)) return 'tls'
  return 'refused'
}

/**
 * Performs one outbound call under the policy.
 * @example
 * const res = await outboundFetch(policy, { url: 'https://shop.example.com/api/cms-probe' })
 * if (!res.ok) return { status: 'failed', reason: res.reason }
 */
export async function outboundFetch(
  policy: OutboundPolicy,
  request: OutboundRequest,
): Promise<OutboundResult> {
  const verdict = checkOutboundUrl(request.url, { allowPrivate: policy.allowPrivate })
  if (!verdict.ok) return { ok: false, reason: verdict.reason }
  const controller = new AbortController()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true
      controller.abort()
      resolve(TIMED_OUT)
    }, policy.timeoutMs)
  })
  try {
    let response: Response | typeof TIMED_OUT
    try {
      const pending = policy.fetch(verdict.url.href, {
        method: request.method ?? 'GET',
        headers: request.headers ?? {},
        body: request.body,
        redirect: 'manual',
        signal: controller.signal,
      })
      // A fetch that rejects after the deadline must not surface as an unhandled rejection.
      pending.catch(() => {})
      response = await Promise.race([pending, deadline])
    } catch (err) {
      return { ok: false, reason: classifyError(err, timedOut) }
    }
    if (response === TIMED_OUT) return { ok: false, reason: 'timeout' }
    if (response.status < 200 || response.status >= 300) {
      response.body?.cancel().catch(() => {})
      return { ok: false, reason: reasonForStatus(response.status) }
    }
    // The deadline's abort also ends a stalled body where the runtime leaves the stream open.
    const read = await readBodyCapped(response, policy.maxBytes, { signal: controller.signal })
    if (read.ok) return { ok: true, status: response.status, headers: response.headers, body: read.bytes }
    if (read.reason === 'aborted') return { ok: false, reason: 'timeout' }
    if (read.reason === 'unreadable') return { ok: false, reason: classifyError(read.cause, timedOut) }
    controller.abort()
    return { ok: false, reason: 'too_large' }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

/**
 * The one way this package talks to an IdP: a GET that refuses redirects (a redirect could point key
 * fetches at another host), gives up after a timeout, reads at most `maxBytes` of body (streamed, so a
 * huge or endless response costs bounded memory) and parses JSON. Failures become `ERR_JWKS_FETCH` with a
 * fixed detail; the response body never reaches an error or a log.
 */
import { OidcError } from '../errors.ts'
import { freshnessSeconds } from './max-age.ts'

/**
 * A `fetch`-compatible function (the global one, or one injected for tests and custom transports).
 *
 * @example
 * ```ts
 * const viaBinding: FetchLike = (url, init) => env.IDP.fetch(url, init)
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface FetchJsonOptions {
  fetch: FetchLike
  timeoutMs: number
  maxBytes: number
}

export interface FetchedJson {
  json: unknown
  /** Freshness in seconds from `Cache-Control`, clamped. */
  ttlSeconds: number
}

function fail(detail: string, cause?: unknown): OidcError {
  return new OidcError('ERR_JWKS_FETCH', { detail, cause })
}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) {
    await res.body?.cancel()
    throw fail('response body too large')
  }
  if (res.body === null) return new Uint8Array(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw fail('response body too large')
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/** Fetches `url` under the policy above and returns its JSON body and freshness. */
export async function fetchJson(url: string, options: FetchJsonOptions): Promise<FetchedJson> {
  let res: Response
  try {
    // `redirect: 'manual'` plus refusing every 3xx below: workerd rejects `redirect: 'error'` outright.
    res = await options.fetch(url, {
      method: 'GET',
      redirect: 'manual',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
    throw fail(timedOut ? 'request timed out' : 'request failed', cause)
  }
  if (res.status !== 200) {
    await res.body?.cancel()
    throw fail(res.status >= 300 && res.status < 400 ? 'redirect refused' : 'unexpected response status')
  }
  let bytes: Uint8Array
  try {
    bytes = await readCapped(res, options.maxBytes)
  } catch (cause) {
    if (cause instanceof OidcError) throw cause
    throw fail('response body could not be read', cause)
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes))
  } catch {
    throw fail('response is not JSON')
  }
  return { json, ttlSeconds: freshnessSeconds(res.headers.get('cache-control')) }
}

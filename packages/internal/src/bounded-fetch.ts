/**
 * The one way the packages and the CMS read JSON from another server (an IdP's discovery document, its
 * keys, its token endpoint): no redirects (a redirect could point the request at another host), one timeout
 * over the headers and the whole body, at most `maxBytes` of body read as a stream (a huge or endless response costs bounded memory, and the
 * size is checked before the body is kept, not after), and strict UTF-8 JSON. A failure is a
 * {@link BoundedFetchError} with a fixed message per reason; the response body never reaches an error.
 */
import { readBodyCapped } from './read-body-capped.ts'

/**
 * A `fetch`-compatible function (the global one, or one injected for tests and custom transports).
 * @example const viaBinding: FetchLike = (url, init) => env.IDP.fetch(url, init)
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** Why a bounded fetch failed; each reason has one fixed message. */
export type BoundedFetchReason =
  | 'timeout'
  | 'network'
  | 'redirect'
  | 'status'
  | 'too_large'
  | 'unreadable'
  | 'not_json'

const messages: Record<BoundedFetchReason, string> = {
  timeout: 'request timed out',
  network: 'request failed',
  redirect: 'redirect refused',
  status: 'unexpected response status',
  too_large: 'response body too large',
  unreadable: 'response body could not be read',
  not_json: 'response is not JSON',
}

/**
 * A failed {@link fetchJsonBounded}. `reason` is stable; `message` is fixed per reason and never holds the
 * URL's query, a header or the body. `cause` (transport failures only) is the runtime's own error.
 * @example if (err instanceof BoundedFetchError && err.reason === 'timeout') retryLater()
 */
export class BoundedFetchError extends Error {
  /** The stable reason. */
  readonly reason: BoundedFetchReason

  constructor(reason: BoundedFetchReason, options?: { cause?: unknown }) {
    super(messages[reason], options)
    this.name = 'BoundedFetchError'
    this.reason = reason
  }
}

/** Options of {@link fetchJsonBounded}. */
export interface BoundedFetchOptions {
  /** The transport. @default globalThis.fetch */
  fetch?: FetchLike | undefined
  /** Give up after this many milliseconds. */
  timeoutMs: number
  /** Refuse a body larger than this many bytes. */
  maxBytes: number
  /** @default 'GET' */
  method?: 'GET' | 'POST'
  /** Request headers; `accept: application/json` is always sent. */
  headers?: Record<string, string>
  /** A request body (e.g. a form-encoded token request). */
  body?: string
}

/** The parsed body and the response headers of a successful {@link fetchJsonBounded}. */
export interface BoundedJson {
  json: unknown
  headers: Headers
}

async function send(url: string, options: BoundedFetchOptions, signal: AbortSignal): Promise<Response> {
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init))
  try {
    // `redirect: 'manual'` plus refusing every 3xx: workerd rejects `redirect: 'error'` outright.
    return await doFetch(url, {
      method: options.method ?? 'GET',
      redirect: 'manual',
      headers: { ...options.headers, accept: 'application/json' },
      ...(options.body === undefined ? {} : { body: options.body }),
      signal,
    })
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
    throw new BoundedFetchError(timedOut ? 'timeout' : 'network', { cause })
  }
}

/**
 * Fetches `url` and parses its JSON body under the policy above. Only a 200 answer is accepted.
 *
 * @example
 * ```ts
 * const { json, headers } = await fetchJsonBounded('https://idp.example.com/jwks', {
 *   timeoutMs: 5000,
 *   maxBytes: 512 * 1024,
 * })
 * ```
 */
export async function fetchJsonBounded(url: string, options: BoundedFetchOptions): Promise<BoundedJson> {
  // One deadline for the whole exchange: the headers and every chunk of the body.
  const signal = AbortSignal.timeout(options.timeoutMs)
  const res = await send(url, options, signal)
  if (res.status !== 200) {
    await res.body?.cancel()
    throw new BoundedFetchError(res.status >= 300 && res.status < 400 ? 'redirect' : 'status')
  }
  // The signal also ends a body that stalls after the headers, where the transport (an injected `fetch`,
  // a service binding) does not tie its stream to the signal: that read would otherwise never end.
  const read = await readBodyCapped(res, options.maxBytes, { signal })
  if (!read.ok) {
    if (read.reason === 'unreadable') throw new BoundedFetchError('unreadable', { cause: read.cause })
    throw new BoundedFetchError(read.reason === 'aborted' ? 'timeout' : 'too_large')
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(read.bytes))
  } catch {
    throw new BoundedFetchError('not_json')
  }
  return { json, headers: res.headers }
}

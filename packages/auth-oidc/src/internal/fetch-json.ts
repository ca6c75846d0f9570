/**
 * How this package reads an IdP's documents: `fetchJsonBounded` from the shared primitives (no redirects, a
 * timeout, a streamed body cap, strict UTF-8 JSON), with its failure reasons mapped to `ERR_JWKS_FETCH` and
 * a fixed `detail` each, and the document's freshness read from `Cache-Control`. The response body never
 * reaches an error or a log.
 */
import { BoundedFetchError, type FetchLike, fetchJsonBounded } from '@alokai/internal'
import { JWKSFetchFailed } from '../errors.ts'
import { freshnessSeconds } from './max-age.ts'

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

/** Fetches `url` under the shared policy and returns its JSON body and freshness. */
export async function fetchJson(url: string, options: FetchJsonOptions): Promise<FetchedJson> {
  try {
    const { json, headers } = await fetchJsonBounded(url, options)
    return { json, ttlSeconds: freshnessSeconds(headers.get('cache-control')) }
  } catch (err) {
    if (!(err instanceof BoundedFetchError)) throw err
    // The runtime's transport error (never the body) stays as `cause`, as before.
    // The fixed message per reason is the `detail` callers log and match on.
    throw new JWKSFetchFailed({ detail: err.message, cause: err.cause })
  }
}

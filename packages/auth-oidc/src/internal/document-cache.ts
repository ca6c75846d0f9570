/**
 * One remote JSON document (a discovery document or a JWKS) cached at three levels: this isolate's memory,
 * then the optional shared {@link CacheStore}, then the network. It holds values and timestamps only, never
 * a promise: workerd forbids awaiting, in one request, I/O started by another, so two concurrent callers
 * that both miss each fetch for themselves instead of sharing an in-flight fetch.
 *
 * While the IdP is unreachable the last good document keeps being served until `maxStaleMs` after it was
 * fetched; network attempts are spaced by `cooldownMs` after a failure, so a down IdP costs one timeout
 * per cooldown window per isolate instead of one per request.
 */
import type { CacheStore } from '../cache-store.ts'
import { JWKSFetchFailed, OidcError } from '../errors.ts'
import { type FetchJsonOptions, fetchJson } from './fetch-json.ts'

export interface CachedDocument<T> {
  value: T
  /** When it was fetched from the IdP (ms since the epoch). */
  fetchedAt: number
  /** Until when it is fresh (ms since the epoch). */
  freshUntil: number
}

export interface DocumentCacheOptions<T> {
  /** Validates and converts fetched (or stored) JSON; throws an {@link OidcError} when unusable. */
  parse: (json: unknown) => T
  store: CacheStore | undefined
  fetch: FetchJsonOptions
  maxStaleMs: number
  cooldownMs: number
}

interface StoredEntry {
  v: 1
  json: unknown
  fetchedAt: number
  freshUntil: number
}

function readEntry(text: string | undefined): StoredEntry | undefined {
  if (text === undefined) return undefined
  try {
    const e = JSON.parse(text) as Partial<StoredEntry> | null
    if (e?.v !== 1 || typeof e.fetchedAt !== 'number' || typeof e.freshUntil !== 'number') return undefined
    return e as StoredEntry
  } catch {
    return undefined
  }
}

/** A cached remote document; see the module comment. */
export class DocumentCache<T> {
  readonly #options: DocumentCacheOptions<T>
  #url = ''
  #current: CachedDocument<T> | undefined
  #lastFailureAt = Number.NEGATIVE_INFINITY
  #lastError: OidcError | undefined

  constructor(options: DocumentCacheOptions<T>) {
    this.#options = options
  }

  /** The document in memory if it is fresh now (the synchronous hot path). */
  fresh(now: number): T | undefined {
    const doc = this.#current
    return doc !== undefined && now < doc.freshUntil ? doc.value : undefined
  }

  /**
   * A fresh document for `url`; with `refresh`, one newer than the one in memory and fetched within the
   * cooldown (another isolate's copy in the store qualifies). Failing that (IdP unreachable), the last good
   * one if it is younger than `maxStaleMs`; failing that, throws.
   */
  async get(url: string, now: number, refresh = false): Promise<T> {
    if (url !== this.#url) {
      this.#url = url
      this.#current = undefined
    }
    const minFetchedAt = refresh
      ? Math.max((this.#current?.fetchedAt ?? Number.NEGATIVE_INFINITY) + 1, now - this.#options.cooldownMs)
      : Number.NEGATIVE_INFINITY
    const acceptable = (): T | undefined => {
      const d = this.#current
      return d !== undefined && now < d.freshUntil && d.fetchedAt >= minFetchedAt ? d.value : undefined
    }
    const inMemory = acceptable()
    if (inMemory !== undefined) return inMemory

    await this.#adoptFromStore(url)
    const fromStore = acceptable()
    if (fromStore !== undefined) return fromStore

    if (now - this.#lastFailureAt < this.#options.cooldownMs) return this.#staleOr(now)
    try {
      const fetched = await fetchJson(url, this.#options.fetch)
      const value = this.#options.parse(fetched.json)
      const doc = { value, fetchedAt: now, freshUntil: now + fetched.ttlSeconds * 1000 }
      this.#current = doc
      await this.#save(url, fetched.json, doc, fetched.ttlSeconds)
      return value
    } catch (err) {
      this.#lastFailureAt = now
      this.#lastError = err instanceof OidcError ? err : new JWKSFetchFailed({ cause: err })
      return this.#staleOr(now)
    }
  }

  #staleOr(now: number): T {
    const doc = this.#current
    if (doc !== undefined && now - doc.fetchedAt <= this.#options.maxStaleMs) return doc.value
    throw this.#lastError ?? new JWKSFetchFailed()
  }

  async #adoptFromStore(url: string): Promise<void> {
    const store = this.#options.store
    if (store === undefined) return
    let entry: StoredEntry | undefined
    try {
      entry = readEntry(await store.get(url))
    } catch {
      return // a store outage must not stop verification; the network is the fallback
    }
    if (entry === undefined || entry.fetchedAt <= (this.#current?.fetchedAt ?? Number.NEGATIVE_INFINITY))
      return
    try {
      const value = this.#options.parse(entry.json)
      this.#current = { value, fetchedAt: entry.fetchedAt, freshUntil: entry.freshUntil }
    } catch {
      // A corrupt or tampered entry is ignored; the network copy will overwrite it.
    }
  }

  async #save(url: string, json: unknown, doc: CachedDocument<T>, ttlSeconds: number): Promise<void> {
    const store = this.#options.store
    if (store === undefined) return
    const entry: StoredEntry = { v: 1, json, fetchedAt: doc.fetchedAt, freshUntil: doc.freshUntil }
    // Kept for the stale window too, so a fresh isolate can still verify while the IdP is down.
    const keepSeconds = Math.max(ttlSeconds, this.#options.maxStaleMs / 1000)
    try {
      await store.put(url, JSON.stringify(entry), keepSeconds)
    } catch {
      // Best effort: the document is in memory already.
    }
  }
}

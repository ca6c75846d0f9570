/**
 * A memo key for an option object: its plain values by name (sorted, so key order does not matter) and the
 * identity of its function and store members, which cannot be compared by value. Used to keep one verifier
 * (or one discovery cache) per option set for the isolate's lifetime.
 */

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

/** The memo key of `options`, whose `cache` and `fetch` members are compared by identity. */
export function optionsKey<T extends { cache?: object | undefined; fetch?: object | undefined }>(
  options: T,
): string {
  const { cache, fetch, ...plain } = options
  const sorted = Object.fromEntries(Object.entries(plain).sort(([a], [b]) => (a < b ? -1 : 1)))
  return JSON.stringify([sorted, idOf(cache), idOf(fetch)])
}

/** A map that drops its oldest entry past `max`: option sets built per request must not leak memory. */
export class BoundedMemo<T> {
  readonly #max: number
  readonly #entries = new Map<string, T>()

  constructor(max: number) {
    this.#max = max
  }

  /** The value under `key`, created by `create` on first use. */
  get(key: string, create: () => T): T {
    const hit = this.#entries.get(key)
    if (hit !== undefined) return hit
    const value = create()
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(key, value)
    return value
  }
}

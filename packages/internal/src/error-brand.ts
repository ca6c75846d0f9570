/**
 * Recognising a package's errors across copies of the package. An app can load two copies at once (the
 * ESM build through `import` and the CommonJS build through `require`, or two versions in its tree); each
 * has its own error classes, so `instanceof` says no to the other copy's errors, and an adapter turns a
 * bad token into a 500. A brand under a registered symbol (`Symbol.for`, one per package) is the same in
 * every copy and every realm, so the guards check it instead of the class.
 */

/** Marks and recognises the errors of one package. */
export interface ErrorBrand {
  /** Marks `error` as the package's (a non-enumerable, read-only own property). */
  mark(error: Error): void
  /** Whether `value` was marked by any copy of the package. */
  test(value: unknown): value is Error & { readonly code: string }
}

/**
 * The brand of the package `name`; every copy of it that calls this with the same name gets the same one.
 *
 * @example
 * ```ts
 * const brand = createErrorBrand('@alokai/auth-jwt')
 * class AuthJwtError extends Error {
 *   constructor() {
 *     super('refused')
 *     brand.mark(this)
 *   }
 * }
 * brand.test(new AuthJwtError()) // true, whichever copy made it
 * ```
 */
export function createErrorBrand(name: string): ErrorBrand {
  const symbol = Symbol.for(`${name}/error`)
  return {
    mark(error) {
      Object.defineProperty(error, symbol, { value: true })
    },
    test(value): value is Error & { readonly code: string } {
      return (
        typeof value === 'object' &&
        value !== null &&
        (value as Record<symbol, unknown>)[symbol] === true &&
        typeof (value as { code?: unknown }).code === 'string'
      )
    },
  }
}

/**
 * `inspect`: reads a sealed value's version and kid without any key, for operators and migrations
 * ("which rows are still under the old key?"). It checks the whole structure, so it also tells a
 * well-formed value from garbage; it says nothing about authenticity.
 */
import { parseSealed, version } from './internal/envelope.ts'

/**
 * What {@link inspect} reports.
 *
 * @example
 * ```ts
 * const info: SealedInfo = inspect(row.secret) // { version: 'v1', kid: 'Zy--_4-t' }
 * ```
 */
export interface SealedInfo {
  /** The format version; always `"v1"` for values this version reads. */
  version: 'v1'
  /** The kid of the key that wrapped the value. */
  kid: string
}

/**
 * Returns a sealed value's version and kid. Synchronous, no key needed; throws `MalformedError`
 * (`ERR_MALFORMED`) when the text is not a well-formed sealed value.
 *
 * @example
 * ```ts
 * const { kid } = inspect(row.secret)
 * if (kid !== keyring.primaryKid) await migrate(row)
 * ```
 */
export function inspect(sealed: string): SealedInfo {
  return { version, kid: parseSealed(sealed).kid }
}

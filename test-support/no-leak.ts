/**
 * The one leak check every package's tests share: does an error show a secret to whoever catches, logs or
 * serialises it? It looks at what a caller sees — `message`, `String(err)`, `JSON.stringify(err)`, every
 * own enumerable property, and the same again down the `cause` chain — and never at `stack`: a stack holds
 * file paths, which depend on where the clone sits (a clone under `/tmp/fr/` would "contain" a secret
 * `fr`), and frames are code locations, not data. Needles must be long enough that no path or English word
 * can hold them by chance: {@link randomSecret} makes such values; a needle of 1–15 characters is refused.
 * Test-only: imported by the packages' tests, never by their code.
 */

/** Shorter needles prove nothing: a word or a folder name can hold them by chance. */
const MIN_NEEDLE = 16
/** Long secrets are also searched for by every 16-character window, so a partial echo is caught too. */
const WINDOW_STEP = 8
/** A cause chain longer than this is a cycle or a bug; stop walking. */
const MAX_CAUSES = 8

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return ''
  }
}

function ownEnumerable(value: object): string[] {
  return Object.entries(value).flatMap(([key, v]) => [key, typeof v === 'string' ? v : safeJson(v)])
}

/**
 * Everything a caller can see of `error`: its message, string form, JSON form and own enumerable
 * properties, for it and each error in its `cause` chain; never its stack.
 *
 * @example
 * ```ts
 * expect(callerView(new Error('bad key'))).toContain('bad key')
 * ```
 */
export function callerView(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    if (typeof current !== 'object') {
      parts.push(String(current))
      break
    }
    const e = current as { message?: unknown; cause?: unknown }
    parts.push(String(e.message ?? ''), String(current), safeJson(current), ...ownEnumerable(current))
    current = e.cause
  }
  return parts.join('\n')
}

/**
 * The needles of `secrets` that occur in what a caller sees of `error` (each secret whole, and each
 * 16-character window of it). Empty strings are skipped (nothing to leak); 1–15 characters throw.
 *
 * @example
 * ```ts
 * const secret = randomSecret()
 * expect(leakedIn(new Error('refused'), [secret])).toEqual([])
 * ```
 */
export function leakedIn(error: unknown, secrets: readonly string[]): string[] {
  const view = callerView(error)
  const found: string[] = []
  for (const secret of secrets) {
    if (secret.length === 0) continue
    if (secret.length < MIN_NEEDLE)
      throw new TypeError(`a needle of ${secret.length} characters proves nothing; use randomSecret()`)
    const needles = [secret]
    for (let i = 0; i + MIN_NEEDLE <= secret.length; i += WINDOW_STEP)
      needles.push(secret.slice(i, i + MIN_NEEDLE))
    for (const needle of needles) if (view.includes(needle)) found.push(needle)
  }
  return found
}

/**
 * A fresh random secret of `length` base64url characters: no path or word holds it. Call it inside a test
 * (workerd refuses random values at module scope).
 *
 * @example
 * ```ts
 * const secret = randomSecret() // 48 characters such as 'q3Vx…'
 * ```
 */
export function randomSecret(length = 48): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  return Array.from(bytes, (b) => alphabet[b & 63]).join('')
}

/**
 * A fresh random key as 64 hex characters (32 bytes), for leak tests of key parsers.
 *
 * @example
 * ```ts
 * const key = randomHexKey() // 'a1f0…', 64 characters
 * ```
 */
export function randomHexKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  )
}

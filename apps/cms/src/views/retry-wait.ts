/**
 * How long a throttled person waits, said the one way the dashboard says it: a `LockedOut`'s
 * `retryAfterSeconds` rounded up to whole minutes, at least one.
 */

/**
 * "Try again in N minutes." for a wait of `seconds`.
 * @example tryAgainIn(61) // 'Try again in 2 minutes.'
 */
export function tryAgainIn(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60))
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
}

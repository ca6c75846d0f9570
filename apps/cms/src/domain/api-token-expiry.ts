/**
 * When the token list warns that an API token is about to stop working: a week ahead, long enough to roll
 * it in a normal release cycle. Vocabulary shared by the service and the list's view.
 */

/** How soon before its expiry the token list warns about a token. */
const EXPIRY_WARNING_MS: number = 7 * 24 * 60 * 60 * 1000

/**
 * Whether a token that ends at `expiresAt` ends within {@link EXPIRY_WARNING_MS} of `now`.
 * @example if (expiresSoon(token.expiresAt, now)) warn()
 */
export function expiresSoon(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && expiresAt - now <= EXPIRY_WARNING_MS
}

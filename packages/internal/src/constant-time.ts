/**
 * Comparison of secret-derived values (MACs, digests, CSRF tokens, OAuth state) in time that depends only
 * on their lengths, so an attacker timing a verifier learns nothing about how many leading bytes of a guess
 * were right. The one implementation every package and the CMS use.
 */

const encoder = new TextEncoder()

/**
 * Whether two values hold the same bytes, in time that depends on their lengths only. Strings are compared
 * as their UTF-8 bytes. Lengths are treated as public: every value compared here has a fixed, public size
 * (a MAC's length is set by its algorithm), so a length mismatch returns early.
 *
 * @example
 * ```ts
 * if (!constantTimeEqual(submittedMac, expectedMac)) throw new Error('bad signature')
 * constantTimeEqual('state-a', 'state-a') // true
 * ```
 */
export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const x = typeof a === 'string' ? encoder.encode(a) : a
  const y = typeof b === 'string' ? encoder.encode(b) : b
  if (x.length !== y.length) return false
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!
  return diff === 0
}

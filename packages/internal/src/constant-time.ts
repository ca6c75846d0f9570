/**
 * Comparison of secret-derived values (MACs, digests, CSRF tokens, OAuth state) in time that depends only
 * on their lengths, so an attacker timing a verifier learns nothing about how many leading bytes of a guess
 * were right. The one implementation every package and the CMS use.
 */

const encoder = new TextEncoder()

/**
 * Whether two values hold the same bytes, in time that depends on their lengths only. Strings are compared
 * as their UTF-8 bytes. The loop always runs over the longer input, so a mismatch in length is found no
 * sooner than one in content: comparing an env secret with a known placeholder says nothing about where
 * they differ.
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
  const length = Math.max(x.length, y.length)
  let diff = x.length ^ y.length
  // Bounds are checked explicitly: reading past a typed array's end is slow in V8 and would skew timing.
  for (let i = 0; i < length; i++) diff |= (i < x.length ? x[i]! : 0) ^ (i < y.length ? y[i]! : 0)
  return diff === 0
}

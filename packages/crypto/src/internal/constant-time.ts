/**
 * Comparison of secret-derived bytes (MACs) in time that depends only on their length, so an attacker
 * timing a verifier learns nothing about how many leading bytes of a forged signature were right.
 */

/** True when both arrays hold the same bytes; the time depends on the length only. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  // Lengths are public (a MAC's length is fixed by its algorithm), so an early return leaks nothing.
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

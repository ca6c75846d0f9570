/**
 * Constant-time string equality, for comparing a secret from the env with a known placeholder: the time
 * taken depends on the lengths only, never on where the first differing character is.
 */

const encoder = new TextEncoder()

/** True when `a` and `b` have the same UTF-8 bytes; the loop always runs over the longer input. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a)
  const y = encoder.encode(b)
  const length = Math.max(x.length, y.length)
  let diff = x.length ^ y.length
  // Bounds are checked explicitly: reading past a typed array's end is slow in V8 and would skew timing.
  for (let i = 0; i < length; i++) diff |= (i < x.length ? x[i]! : 0) ^ (i < y.length ? y[i]! : 0)
  return diff === 0
}

/**
 * Shared test fixtures: secrets, issuer options, and an assertion that a promise is refused with a given
 * code by an error that shows a caller none of the given sensitive strings.
 */
import { expect } from 'vitest'
import { leakedIn } from '../../../test-support/no-leak.ts'

export { randomSecret } from '../../../test-support/no-leak.ts'

import { AuthJwtError, type AuthJwtErrorCode } from '../src/errors.ts'

export const SECRET = 'k3v9-Qx2_Lm8Wn4Rt6Yp0Zs5Ua1Bc7Dd2Ef9Gh3'
export const PREVIOUS = 'p7Hq2Xw9-Rn4Tz6Lk1_Mv8Bc3Ys5Ua0Jd2Fe7Gi'
export const OTHER = 'o1Pz8Lx3-Qm6Rw2Tn9_Kv4Bs7Yc0Ud5Je1Ff3Hh'
export const ISSUER = 'https://cms.example.com'
export const AUDIENCE = 'cms-dashboard'
export const TTL = 3600

export const BASE_OPTIONS: { secret: string; issuer: string; audience: string; ttlSeconds: number } = {
  secret: SECRET,
  issuer: ISSUER,
  audience: AUDIENCE,
  ttlSeconds: TTL,
}

/** Asserts rejection with `code`, and that no `secrets` string appears anywhere in the error. */
export async function expectRejected(
  promise: Promise<unknown>,
  code: AuthJwtErrorCode,
  secrets: readonly string[] = [],
): Promise<AuthJwtError & { claim?: string | undefined }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, `expected a rejection with ${code}`).toBeInstanceOf(AuthJwtError)
  const jwtError = error as AuthJwtError
  expect(jwtError.code).toBe(code)
  expectNoLeak(jwtError, secrets)
  return jwtError
}

/**
 * Asserts none of `secrets` (nor any 16-character piece of one) occurs in what a caller sees of the error:
 * message, string and JSON forms, own properties and causes; never the stack, whose file paths depend on
 * where the clone sits. Needles of 1–15 characters are refused: use `randomSecret()`.
 */
export function expectNoLeak(error: unknown, secrets: readonly string[]): void {
  expect(leakedIn(error, secrets)).toEqual([])
}

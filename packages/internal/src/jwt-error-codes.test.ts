import { errors } from 'jose'
import { describe, expect, it } from 'vitest'
import { isJwtErrorCode, jwtErrorMessages } from './jwt-error-codes.ts'

describe('the token-failure vocabulary', () => {
  it("uses jose's code for every failure jose names", () => {
    for (const code of [
      errors.JWTInvalid.code,
      errors.JOSEAlgNotAllowed.code,
      errors.JWSSignatureVerificationFailed.code,
      errors.JWTExpired.code,
      errors.JWTClaimValidationFailed.code,
      errors.JWKSNoMatchingKey.code,
    ]) {
      expect(isJwtErrorCode(code)).toBe(true)
    }
    expect(isJwtErrorCode('ERR_JWT_SIGNATURE')).toBe(false)
    expect(isJwtErrorCode('toString')).toBe(false)
  })

  it('has one distinct, fixed message per code', () => {
    const messages = Object.values(jwtErrorMessages)
    expect(new Set(messages).size).toBe(messages.length)
  })
})

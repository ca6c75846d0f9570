/**
 * The error model: a subclass per failure with its literal code, fixed messages from the shared token
 * vocabulary (the same text `@alokai/auth-oidc` uses), and the `isAuthJwtError` guard narrowing by code.
 */
import { isJwtErrorCode, jwtErrorMessages } from '@alokai/internal'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  AuthJwtError,
  type AuthJwtErrorCode,
  ClaimForbidden,
  isAuthJwtError,
  JOSEAlgNotAllowed,
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
  JWTNotYetValid,
  JWTTooLarge,
  KidCollision,
  SecretWeak,
} from './errors.ts'

const tokenErrors = [
  [new JWTInvalid(), 'ERR_JWT_INVALID', 'JWTInvalid'],
  [new JOSEAlgNotAllowed(), 'ERR_JOSE_ALG_NOT_ALLOWED', 'JOSEAlgNotAllowed'],
  [
    new JWSSignatureVerificationFailed(),
    'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    'JWSSignatureVerificationFailed',
  ],
  [new JWTExpired('exp'), 'ERR_JWT_EXPIRED', 'JWTExpired'],
  [new JWTNotYetValid('nbf'), 'ERR_JWT_NOT_YET_VALID', 'JWTNotYetValid'],
  [new JWTClaimValidationFailed('aud'), 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'JWTClaimValidationFailed'],
  [new JWKSNoMatchingKey(), 'ERR_JWKS_NO_MATCHING_KEY', 'JWKSNoMatchingKey'],
  [new JWTTooLarge(), 'ERR_JWT_TOO_LARGE', 'JWTTooLarge'],
] as const

describe('errors', () => {
  it.each(tokenErrors)('%s carries %s, its class name and the shared fixed message', (error, code, name) => {
    expect(error).toBeInstanceOf(AuthJwtError)
    expect(error.code).toBe(code)
    expect(error.name).toBe(name)
    expect(isJwtErrorCode(error.code)).toBe(true)
    expect(error.message).toBe(jwtErrorMessages[code])
  })

  it('covers every shared token code exactly once', () => {
    expect(tokenErrors.map(([, code]) => code).sort()).toEqual(Object.keys(jwtErrorMessages).sort())
  })

  it('keeps the package codes for configuration and signing failures', () => {
    expect(new SecretWeak('secret must be at least 32 characters').code).toBe('ERR_SECRET_WEAK')
    expect(new KidCollision().code).toBe('ERR_KID_COLLISION')
    expect(new ClaimForbidden('custom claim "roles" is refused').code).toBe('ERR_CLAIM_FORBIDDEN')
    expect(new KidCollision().name).toBe('KidCollision')
  })

  it('names the failed claim on the claim and time errors', () => {
    expect(new JWTClaimValidationFailed('iss').claim).toBe('iss')
    expect(new JWTExpired('iat').claim).toBe('iat')
    expect(new JWTNotYetValid('nbf').claim).toBe('nbf')
    expect(new JWTInvalid().claim).toBeUndefined()
  })

  it('isAuthJwtError recognises the package errors, optionally by code, and narrows the type', () => {
    const error: unknown = new JWTExpired('exp')
    expect(isAuthJwtError(error)).toBe(true)
    expect(isAuthJwtError(error, 'ERR_JWT_EXPIRED')).toBe(true)
    expect(isAuthJwtError(error, 'ERR_JWT_INVALID')).toBe(false)
    expect(isAuthJwtError(new Error('ERR_JWT_EXPIRED'))).toBe(false)
    expect(isAuthJwtError({ code: 'ERR_JWT_EXPIRED' })).toBe(false)
    if (isAuthJwtError(error, 'ERR_JWT_EXPIRED')) expectTypeOf(error.code).toEqualTypeOf<'ERR_JWT_EXPIRED'>()
    if (isAuthJwtError(error)) expectTypeOf(error.code).toEqualTypeOf<AuthJwtErrorCode>()
  })

  it('lets a switch on code narrow to the subclass code', () => {
    const error = new JWTTooLarge()
    expectTypeOf(error.code).toEqualTypeOf<'ERR_JWT_TOO_LARGE'>()
  })
})

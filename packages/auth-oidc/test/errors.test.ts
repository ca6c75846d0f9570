import { type JwtErrorCode, jwtErrorMessages } from '@alokai/internal'
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  createOidcVerifier,
  isOidcError,
  JOSEAlgNotAllowed,
  JWKSFetchFailed,
  JWKSInvalid,
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
  JWTNotYetValid,
  JWTScopeMissing,
  JWTTooLarge,
  OidcDiscoveryFailed,
  OidcError,
  type OidcErrorCode,
  type OidcTokenErrorCode,
  requireScopes,
} from '../src/index.ts'
import { AUDIENCE, ISSUER, LocalIdp, makeKey } from './local-idp.ts'

const classes = [
  [JWTInvalid, 'ERR_JWT_INVALID'],
  [JOSEAlgNotAllowed, 'ERR_JOSE_ALG_NOT_ALLOWED'],
  [JWSSignatureVerificationFailed, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
  [JWTExpired, 'ERR_JWT_EXPIRED'],
  [JWTNotYetValid, 'ERR_JWT_NOT_YET_VALID'],
  [JWTClaimValidationFailed, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
  [JWKSNoMatchingKey, 'ERR_JWKS_NO_MATCHING_KEY'],
  [JWTTooLarge, 'ERR_JWT_TOO_LARGE'],
  [OidcDiscoveryFailed, 'ERR_OIDC_DISCOVERY'],
  [JWKSFetchFailed, 'ERR_JWKS_FETCH'],
  [JWKSInvalid, 'ERR_JWKS_INVALID'],
  [JWTScopeMissing, 'ERR_JWT_SCOPE'],
] as const

afterEach(() => {
  vi.useRealTimers()
})

describe('errors', () => {
  it('has one subclass per failure, each with its literal code and name', () => {
    for (const [Class, code] of classes) {
      const err = new Class()
      expect(err).toBeInstanceOf(OidcError)
      expect(err.code).toBe(code)
      expect(err.name).toBe(Class.name)
      expect(isOidcError(err, code)).toBe(true)
    }
    expect(new Set(classes.map(([, code]) => code)).size).toBe(classes.length)
  })

  it('gives token failures the shared vocabulary and its fixed messages', () => {
    for (const [Class, code] of classes) {
      if (code in jwtErrorMessages)
        expect(new Class().message).toBe(jwtErrorMessages[code as keyof typeof jwtErrorMessages])
    }
  })

  it('narrows the code in the type guard', () => {
    const err: unknown = new JWTExpired()
    if (isOidcError(err, 'ERR_JWT_EXPIRED')) expectTypeOf(err.code).toEqualTypeOf<'ERR_JWT_EXPIRED'>()
    if (isOidcError(err)) expectTypeOf(err.code).toEqualTypeOf<OidcErrorCode>()
    expectTypeOf(new JWTExpired().code).toEqualTypeOf<'ERR_JWT_EXPIRED'>()
    expect(isOidcError(new Error('x'))).toBe(false)
    expect(isOidcError(new JWTExpired(), 'ERR_JWT_INVALID')).toBe(false)
  })

  it('throws JWTExpired, JWTNotYetValid and JWSSignatureVerificationFailed from verify', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.UTC(2030, 0, 1))
    const idp = new LocalIdp([await makeKey('ES256', 'ec-1')])
    const verifier = createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch })
    const now = Math.floor(Date.now() / 1000)
    const expired = verifier.verify(await idp.sign({ exp: now - 60 }))
    await expect(expired).rejects.toBeInstanceOf(JWTExpired)
    const early = await verifier.verify(await idp.sign({ nbf: now + 60 })).catch((e: unknown) => e)
    expect(early).toBeInstanceOf(JWTNotYetValid)
    expect(early).toMatchObject({ code: 'ERR_JWT_NOT_YET_VALID', claim: 'nbf' })
    const [h, p] = (await idp.sign()).split('.')
    const other = (await idp.sign({ sub: 'someone-else' })).split('.')[2]
    await expect(verifier.verify(`${h}.${p}.${other}`)).rejects.toBeInstanceOf(JWSSignatureVerificationFailed)
  })

  it('throws JWTScopeMissing from requireScopes', () => {
    expect(() => requireScopes({ scope: 'a b' }, ['c'])).toThrow(JWTScopeMissing)
  })
})

describe('the token codes declared for the published types', () => {
  it('are exactly the shared vocabulary (the union is re-declared only so the .d.ts stands alone)', () => {
    expectTypeOf<OidcTokenErrorCode>().toEqualTypeOf<JwtErrorCode>()
    expect(Object.keys(jwtErrorMessages).length).toBe(8)
  })
})

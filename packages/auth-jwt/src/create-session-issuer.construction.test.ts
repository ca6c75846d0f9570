/**
 * Construction of a session issuer: the options are checked at once (types, ranges, `typ`), and weak or
 * placeholder secrets are refused with `SecretWeak` before any key is imported. None of this touches the
 * HMAC backend, so it runs once, through the public factory.
 */
import { describe, expect, it } from 'vitest'
import { BASE_OPTIONS, expectNoLeak, PREVIOUS } from '../test/fixtures.ts'
import { createSessionIssuer } from './create-session-issuer.ts'
import { SecretWeak } from './errors.ts'

/** A service's published development secret (what its .dev.vars.example would ship). */
const PLACEHOLDER = 'dev-only-insecure-session-secret-change-me-0000'

describe('createSessionIssuer: construction', () => {
  it.each([
    ['empty', ''],
    ['31 characters', 'a'.repeat(31)],
    ['31 code points of 2 UTF-16 units each', '😀'.repeat(31)],
  ])('refuses a %s secret with ERR_SECRET_WEAK and no trace of it', (_label, secret) => {
    let error: unknown
    try {
      createSessionIssuer({ ...BASE_OPTIONS, secret })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SecretWeak)
    expect((error as SecretWeak).code).toBe('ERR_SECRET_WEAK')
    expect((error as Error).message).toBe('secret must be at least 32 characters')
    expectNoLeak(error, [secret])
  })

  it('refuses a weak previous secret by its index', () => {
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, previousSecrets: [PREVIOUS, 'short'] })).toThrow(
      'previousSecrets[1] must be at least 32 characters',
    )
  })

  it.each([undefined, 'staging', 'production'] as const)(
    'refuses the placeholder secret when environment is %s',
    (environment) => {
      let error: unknown
      try {
        createSessionIssuer({
          ...BASE_OPTIONS,
          secret: PLACEHOLDER,
          devPlaceholderSecret: PLACEHOLDER,
          environment,
        })
      } catch (e) {
        error = e
      }
      expect((error as SecretWeak).code).toBe('ERR_SECRET_WEAK')
      expect((error as Error).message).toContain('development placeholder')
      expectNoLeak(error, [PLACEHOLDER])
      expect(() =>
        createSessionIssuer({
          ...BASE_OPTIONS,
          previousSecrets: [PLACEHOLDER],
          devPlaceholderSecret: PLACEHOLDER,
          environment,
        }),
      ).toThrow(SecretWeak)
    },
  )

  it('accepts the placeholder in development', async () => {
    const sessions = createSessionIssuer({
      ...BASE_OPTIONS,
      secret: PLACEHOLDER,
      devPlaceholderSecret: PLACEHOLDER,
      environment: 'development',
    })
    expect((await sessions.verify(await sessions.sign({ sub: 'u', sid: 's' }))).sub).toBe('u')
  })

  it('knows no placeholder of its own: without devPlaceholderSecret only the length rule applies', () => {
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, secret: PLACEHOLDER })).not.toThrow()
  })

  it('refuses malformed options with TypeError', () => {
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, secret: 42 as never })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, issuer: '' })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, ttlSeconds: 0 })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, clockToleranceSeconds: -1 })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, environment: 'prod' as never })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, claimsSchema: {} as never })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, typ: '' })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, typ: 'a b' })).toThrow(TypeError)
    expect(() => createSessionIssuer({ ...BASE_OPTIONS, devPlaceholderSecret: 7 as never })).toThrow(
      TypeError,
    )
  })
})

import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { BACKENDS, issuerWith } from '../test/backends.ts'
import {
  AUDIENCE,
  BASE_OPTIONS,
  expectRejected,
  ISSUER,
  OTHER,
  PREVIOUS,
  randomSecret,
  SECRET,
  TTL,
} from '../test/fixtures.ts'
import { b64url } from '../test/forge.ts'
import { createSessionIssuer } from './create-session-issuer.ts'
import type {
  ClaimsSchema,
  CustomClaims,
  SessionIssuer,
  SessionIssuerOptions,
  SessionPayload,
} from './types.ts'

const NOW = new Date('2026-05-01T12:00:00Z')
const NOW_S = NOW.getTime() / 1000

function decodeSegment(token: string, index: number): Record<string, unknown> {
  const segment = token.split('.')[index]!.replace(/-/g, '+').replace(/_/g, '/')
  return JSON.parse(atob(segment))
}

async function kidOf(secret: string): Promise<string> {
  const ikm = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, [
    'deriveBits',
  ])
  const info = new TextEncoder().encode('alokai/auth-jwt/v1/kid')
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info },
    ikm,
    48,
  )
  return b64url(new Uint8Array(bits))
}

afterEach(() => {
  vi.useRealTimers()
})

function freeze(at: Date = NOW): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(at)
}

describe.each(BACKENDS)('createSessionIssuer on %s', (_name, backend) => {
  function create<C extends CustomClaims = Record<never, never>>(
    options: SessionIssuerOptions<C>,
  ): SessionIssuer<C> {
    return issuerWith(backend, options)
  }

  describe('sign', () => {
    it('writes the pinned header with the HKDF kid and the registered claims', async () => {
      freeze()
      const token = await create(BASE_OPTIONS).sign({ sub: 'user_1', sid: 'sess_1' })
      expect(decodeSegment(token, 0)).toEqual({
        alg: 'HS256',
        typ: 'session+jwt',
        kid: await kidOf(SECRET),
      })
      expect(decodeSegment(token, 1)).toEqual({
        iss: ISSUER,
        sub: 'user_1',
        aud: AUDIENCE,
        sid: 'sess_1',
        iat: NOW_S,
        exp: NOW_S + TTL,
      })
    })

    it('writes and requires the configured typ, and refuses the other typ signed with the same secret', async () => {
      const cms = create({ ...BASE_OPTIONS, typ: 'cms-session+jwt' })
      const neutral = create(BASE_OPTIONS)
      const cmsToken = await cms.sign({ sub: 'u', sid: 's' })
      expect(decodeSegment(cmsToken, 0).typ).toBe('cms-session+jwt')
      expect((await cms.verify(cmsToken)).sub).toBe('u')
      const error = await expectRejected(neutral.verify(cmsToken), 'ERR_JWT_CLAIM_VALIDATION_FAILED', [
        cmsToken,
      ])
      expect(error.claim).toBe('typ')
      await expectRejected(
        cms.verify(await neutral.sign({ sub: 'u', sid: 's' })),
        'ERR_JWT_CLAIM_VALIDATION_FAILED',
      )
    })

    it('derives an 8-character kid that differs between secrets', async () => {
      const a = decodeSegment(await create(BASE_OPTIONS).sign({ sub: 'u', sid: 's' }), 0).kid
      const b = decodeSegment(
        await create({ ...BASE_OPTIONS, secret: OTHER }).sign({ sub: 'u', sid: 's' }),
        0,
      ).kid
      expect(a).toMatch(/^[A-Za-z0-9_-]{8}$/)
      expect(a).not.toBe(b)
    })

    it('round-trips custom claims and an optional nbf', async () => {
      const sessions = create<{ locale: string; tenant: string }>(BASE_OPTIONS)
      const nbf = Math.floor(Date.now() / 1000) - 1
      const payload = await sessions.verify(
        await sessions.sign({ sub: 'u', sid: 's', nbf, locale: 'en', tenant: 't1' }),
      )
      expect(payload).toMatchObject({
        sub: 'u',
        sid: 's',
        nbf,
        locale: 'en',
        tenant: 't1',
        iss: ISSUER,
        aud: AUDIENCE,
      })
    })

    it.each(['roles', 'role', 'permissions', 'scope', 'admin'])(
      'refuses a custom claim named %s',
      async (name) => {
        const sessions = create<Record<string, unknown>>(BASE_OPTIONS)
        await expectRejected(sessions.sign({ sub: 'u', sid: 's', [name]: ['editor'] }), 'ERR_CLAIM_FORBIDDEN')
      },
    )

    it.each(['iss', 'aud', 'exp', 'iat', 'jti'])('refuses a custom claim shadowing %s', async (name) => {
      const sessions = create<Record<string, unknown>>(BASE_OPTIONS)
      await expectRejected(sessions.sign({ sub: 'u', sid: 's', [name]: 'x' }), 'ERR_CLAIM_FORBIDDEN')
    })

    it('refuses a missing sub or sid and a fractional nbf with TypeError', async () => {
      const sessions = create(BASE_OPTIONS)
      await expect(sessions.sign({ sub: '', sid: 's' })).rejects.toThrow(TypeError)
      await expect(sessions.sign({ sub: 'u' } as never)).rejects.toThrow(TypeError)
      await expect(sessions.sign({ sub: 'u', sid: 's', nbf: 1.5 })).rejects.toThrow(TypeError)
    })

    it('refuses to sign a token that verify would refuse as too large', async () => {
      const sessions = create<{ blob: string }>({ ...BASE_OPTIONS, maxTokenBytes: 512 })
      await expectRejected(sessions.sign({ sub: 'u', sid: 's', blob: 'x'.repeat(600) }), 'ERR_JWT_TOO_LARGE')
    })
  })

  describe('time', () => {
    it('accepts a token until exp, within the clock tolerance, and refuses it after', async () => {
      freeze()
      const sessions = create(BASE_OPTIONS)
      const token = await sessions.sign({ sub: 'u', sid: 's' })
      vi.setSystemTime(new Date((NOW_S + TTL + 4) * 1000))
      expect((await sessions.verify(token)).exp).toBe(NOW_S + TTL)
      vi.setSystemTime(new Date((NOW_S + TTL + 5) * 1000))
      const error = await expectRejected(sessions.verify(token), 'ERR_JWT_EXPIRED', [token, SECRET])
      expect(error.message).toBe('the token has expired')
      expect(error.claim).toBe('exp')
    })

    it('honours nbf within the tolerance and refuses it beyond', async () => {
      freeze()
      const sessions = create(BASE_OPTIONS)
      expect(await sessions.verify(await sessions.sign({ sub: 'u', sid: 's', nbf: NOW_S + 5 }))).toBeTruthy()
      const ahead = await sessions.sign({ sub: 'u', sid: 's', nbf: NOW_S + 6 })
      const error = await expectRejected(sessions.verify(ahead), 'ERR_JWT_NOT_YET_VALID', [ahead])
      expect(error.claim).toBe('nbf')
    })

    it('refuses a token issued in the future beyond the tolerance', async () => {
      freeze(new Date((NOW_S + 60) * 1000))
      const sessions = create(BASE_OPTIONS)
      const future = await sessions.sign({ sub: 'u', sid: 's' })
      vi.setSystemTime(NOW)
      expect((await expectRejected(sessions.verify(future), 'ERR_JWT_NOT_YET_VALID')).claim).toBe('iat')
    })

    it('never honours a token longer than ttlSeconds after iat, whatever its exp', async () => {
      freeze()
      const long = create({ ...BASE_OPTIONS, ttlSeconds: 10 * TTL })
      const token = await long.sign({ sub: 'u', sid: 's' })
      vi.setSystemTime(new Date((NOW_S + TTL + 6) * 1000))
      await expectRejected(create(BASE_OPTIONS).verify(token), 'ERR_JWT_EXPIRED')
    })
  })

  describe('rotation', () => {
    it('verifies a token signed with the previous secret while it is configured, and not after', async () => {
      const old = create({ ...BASE_OPTIONS, secret: PREVIOUS })
      const token = await old.sign({ sub: 'u', sid: 's' })
      const rotating = create({ ...BASE_OPTIONS, previousSecrets: [PREVIOUS] })
      expect((await rotating.verify(token)).sub).toBe('u')
      const fresh = await rotating.sign({ sub: 'u', sid: 's' })
      expect(decodeSegment(fresh, 0).kid).toBe(await kidOf(SECRET))
      const rotated = create(BASE_OPTIONS)
      await expectRejected(rotated.verify(token), 'ERR_JWKS_NO_MATCHING_KEY', [token, PREVIOUS])
      expect((await rotated.verify(fresh)).sub).toBe('u')
    })

    it('dedupes a previous secret equal to the current one', async () => {
      const sessions = create({ ...BASE_OPTIONS, previousSecrets: [SECRET] })
      expect((await sessions.verify(await sessions.sign({ sub: 'u', sid: 's' }))).sid).toBe('s')
    })
  })

  describe('custom claims schema', () => {
    const schema: ClaimsSchema<{ locale: 'en' | 'de' }> = {
      parse(input) {
        const locale = (input as { locale?: unknown }).locale
        if (locale !== 'en' && locale !== 'de') throw new Error(`bad locale ${String(locale)}`)
        return { locale }
      },
    }

    it('types and validates custom claims on sign and verify', async () => {
      const sessions = create({ ...BASE_OPTIONS, claimsSchema: schema })
      const payload = await sessions.verify(await sessions.sign({ sub: 'u', sid: 's', locale: 'de' }))
      expectTypeOf(payload).toEqualTypeOf<SessionPayload<{ locale: 'en' | 'de' }>>()
      expect(payload.locale).toBe('de')
      // A long random value: a short one ('fr') could sit in any word or in the clone's path.
      const locale = randomSecret()
      const error = await expectRejected(
        sessions.sign({ sub: 'u', sid: 's', locale: locale as 'en' }),
        'ERR_JWT_CLAIM_VALIDATION_FAILED',
        [`bad locale ${locale}`, locale],
      )
      expect(error.message).toBe('a token claim is invalid')
    })

    it('refuses on verify a validly signed token whose custom claims fail the schema', async () => {
      const loose = create<{ locale: string }>(BASE_OPTIONS)
      const token = await loose.sign({ sub: 'u', sid: 's', locale: 'fr' })
      const strict = create({ ...BASE_OPTIONS, claimsSchema: schema })
      await expectRejected(strict.verify(token), 'ERR_JWT_CLAIM_VALIDATION_FAILED', [token])
    })
  })

  describe('odd claim names', () => {
    it('keeps a "__proto__" custom claim as a plain own claim', async () => {
      const sessions = create<Record<string, unknown>>(BASE_OPTIONS)
      const input = JSON.parse('{"sub":"u","sid":"s","__proto__":{"polluted":true}}') as {
        sub: string
        sid: string
      }
      const payload = await sessions.verify(await sessions.sign(input))
      expect(Object.hasOwn(payload, '__proto__')).toBe(true)
      expect(Object.getPrototypeOf(payload)).toBe(Object.prototype)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  })
})

describe('createSessionIssuer', () => {
  it("uses this runtime build's backend: a token it signs verifies on both backends, and theirs on it", async () => {
    const sessions = createSessionIssuer(BASE_OPTIONS)
    for (const [, backend] of BACKENDS) {
      const other = issuerWith(backend, BASE_OPTIONS)
      expect((await other.verify(await sessions.sign({ sub: 'u', sid: 's' }))).sub).toBe('u')
      expect((await sessions.verify(await other.sign({ sub: 'u', sid: 's' }))).sid).toBe('s')
    }
  })
})

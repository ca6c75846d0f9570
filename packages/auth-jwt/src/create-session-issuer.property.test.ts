/**
 * Property tests: random subjects, session ids and custom claims survive sign → verify unchanged, and
 * changing any single character of a valid token makes `verify` refuse it (strict base64url is what makes
 * this hold for the unused low bits of the last character of each segment).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BACKENDS, issuerWith } from '../test/backends.ts'
import { BASE_OPTIONS } from '../test/fixtures.ts'
import { AuthJwtError } from './errors.ts'
import { AUTHORIZATION_CLAIMS, REGISTERED_CLAIMS } from './internal/claims.ts'

const claimName = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((n) => !REGISTERED_CLAIMS.has(n) && !AUTHORIZATION_CLAIMS.has(n))
const customClaims = fc.dictionary(claimName, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '

describe.each(BACKENDS)('session tokens on %s (property)', (_name, backend) => {
  const sessions = issuerWith<Record<string, unknown>>(backend, BASE_OPTIONS)

  it('round-trip random sub, sid and custom claims', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        customClaims,
        async (sub, sid, custom) => {
          const payload = await sessions.verify(await sessions.sign({ ...custom, sub, sid }))
          const { iss, aud, iat, exp, sub: s, sid: i, ...rest } = payload
          expect({ sub: s, sid: i, iss, aud }).toEqual({
            sub,
            sid,
            iss: BASE_OPTIONS.issuer,
            aud: BASE_OPTIONS.audience,
          })
          expect(exp - iat).toBe(BASE_OPTIONS.ttlSeconds)
          expect(rest).toEqual(JSON.parse(JSON.stringify(custom)))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('refuse every single-character change of a valid token', async () => {
    const token = await sessions.sign({ sub: 'user_1', sid: 'sess_1', locale: 'en' })
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...TOKEN_CHARS),
        async (index, char) => {
          fc.pre(token[index] !== char)
          const mutated = token.slice(0, index) + char + token.slice(index + 1)
          const error = await sessions.verify(mutated).then(
            () => undefined,
            (e: unknown) => e,
          )
          expect(error).toBeInstanceOf(AuthJwtError)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuse a change in the unused bits of the last signature character', async () => {
    const token = await sessions.sign({ sub: 'user_1', sid: 'sess_1' })
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    for (const flip of [1, 2, 3]) {
      const last = alphabet[alphabet.indexOf(token.at(-1)!) ^ flip]
      await expect(sessions.verify(token.slice(0, -1) + last)).rejects.toMatchObject({
        code: 'ERR_JWT_INVALID',
      })
    }
  })
})

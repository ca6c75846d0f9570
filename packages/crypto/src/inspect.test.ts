import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keyA, known } from '../test/fixtures.ts'
import { CryptoError } from './errors.ts'
import { inspect } from './inspect.ts'
import { createKeyring } from './keyring.ts'
import { seal } from './seal.ts'

describe('inspect', () => {
  it('reads version and kid without a key', async () => {
    expect(inspect(known.sealed)).toEqual({ version: 'v1', kid: known.kid })
    const keyring = await createKeyring({ primary: keyA })
    expect(inspect(await seal(keyring, 'x'))).toEqual({ version: 'v1', kid: keyring.primaryKid })
  })

  it('refuses malformed values with ERR_MALFORMED', () => {
    const [, kid, payload] = known.sealed.split('.')
    for (const bad of [
      '',
      'v1',
      `v1.${kid}`,
      `v2.${kid}.${payload}`,
      `v1.${kid!.slice(1)}.${payload}`,
      `v1.${kid}=.${payload}`,
      `v1.${kid}.${payload}=`,
      `v1.${kid}.${payload!.replace(/[-_]/, '+')}`,
      `v1.${kid}.${payload!.slice(0, 116)}`,
      ` ${known.sealed}`,
    ]) {
      expect(() => inspect(bad), bad).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED' }))
    }
  })

  it('throws only ERR_MALFORMED for arbitrary strings', () => {
    const sealedLike = fc
      .tuple(
        fc.constantFrom('v1', 'v2', ''),
        fc.string({ maxLength: 10 }),
        fc.base64String({ maxLength: 200 }),
      )
      .map(([v, k, p]) => `${v}.${k}.${p.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`)
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), sealedLike), (text) => {
        try {
          const info = inspect(text)
          expect(info.version).toBe('v1')
          expect(info.kid).toMatch(/^[A-Za-z0-9_-]{8}$/)
        } catch (err) {
          expect(err).toBeInstanceOf(CryptoError)
          expect((err as CryptoError).code).toBe('ERR_MALFORMED')
        }
      }),
      { numRuns: 500 },
    )
  })

  it('throws TypeError for a non-string', () => {
    expect(() => inspect(undefined as unknown as string)).toThrow(TypeError)
  })
})

/**
 * The two backends' strict base64url decoders give exactly the answers of `@alokai/internal`'s decoder, on
 * canonical texts and on every kind of near-miss (padding, stray and standard-alphabet characters,
 * impossible lengths, non-canonical trailing bits), so the node:crypto path is as strict as the web one.
 */
import { decodeBase64url, encodeBase64url } from '@alokai/internal'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BACKENDS } from '../../test/backends.ts'

const nearMissChar = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .\n'.split(''),
)

describe.each(BACKENDS)('the %s backend decodes base64url', (_name, backend) => {
  it('round-trips random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(new Uint8Array(backend.decodeBase64url(encodeBase64url(bytes))!)).toEqual(bytes)
      }),
      { numRuns: 300 },
    )
  })

  it('accepts and refuses exactly what the shared strict decoder does', () => {
    fc.assert(
      fc.property(fc.array(nearMissChar, { maxLength: 16 }), (chars) => {
        const text = chars.join('')
        const ours = backend.decodeBase64url(text)
        const shared = decodeBase64url(text)
        expect(ours === undefined).toBe(shared === undefined)
        if (ours !== undefined) expect(new Uint8Array(ours)).toEqual(shared)
      }),
      { numRuns: 2000 },
    )
  })

  it.each(['Zg==', 'Zm8=', 'Zh', 'Zm9', 'Zm9vY', ' Zm9v', 'Zm9v\n', '+/+/', 'Zm9vÿ'])(
    'refuses %j',
    (text) => {
      expect(backend.decodeBase64url(text)).toBeUndefined()
    },
  )
})

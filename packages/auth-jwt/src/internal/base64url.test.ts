import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { b64url } from '../../test/forge.ts'
import { decodeBase64url, encodeBase64url, isStrictBase64url } from './base64url.ts'

describe('strict base64url', () => {
  it('round-trips random bytes and matches an independent btoa-based encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64url(bytes)
        expect(text).toBe(b64url(bytes))
        expect(decodeBase64url(text)).toEqual(bytes)
      }),
      { numRuns: 300 },
    )
  })

  it.each([
    ['padding', 'QQ=='],
    ['one padding character', 'QUI='],
    ['standard-alphabet +', 'a+b_'],
    ['standard-alphabet /', 'a/b_'],
    ['whitespace', 'QU I'],
    ['a trailing newline', 'QUJD\n'],
    ['a length of 1 mod 4', 'QUJDR'],
    ['non-canonical bits after 2 characters', 'QR'],
    ['non-canonical bits after 3 characters', 'QUJ'],
    ['a non-ASCII letter', 'QUJé'],
  ])('refuses %s', (_label, text) => {
    expect(isStrictBase64url(text)).toBe(false)
    expect(decodeBase64url(text)).toBeUndefined()
  })

  it('accepts the canonical forms and the empty string', () => {
    expect(decodeBase64url('')).toEqual(new Uint8Array(0))
    expect(decodeBase64url('QQ')).toEqual(new TextEncoder().encode('A'))
    expect(decodeBase64url('QUI')).toEqual(new TextEncoder().encode('AB'))
    expect(decodeBase64url('-_-_')).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]))
  })
})

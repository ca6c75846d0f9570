import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64url, encodeBase64url } from './base64url.ts'

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b)

describe('base64url', () => {
  it('encodes the RFC 4648 test vectors without padding, in the url-safe alphabet', () => {
    const text = new TextEncoder()
    expect(encodeBase64url(text.encode(''))).toBe('')
    expect(encodeBase64url(text.encode('f'))).toBe('Zg')
    expect(encodeBase64url(text.encode('fo'))).toBe('Zm8')
    expect(encodeBase64url(text.encode('foo'))).toBe('Zm9v')
    expect(encodeBase64url(text.encode('foobar'))).toBe('Zm9vYmFy')
    expect(encodeBase64url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_')
  })

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(decodeBase64url(encodeBase64url(b))).toEqual(b)
      }),
      { numRuns: 300 },
    )
  })

  it('refuses padding, standard-alphabet characters, whitespace and impossible lengths', () => {
    for (const bad of ['Zg==', 'Zm8=', '+/+/', 'Zm9v\n', ' Zm9v', 'Zm9vY', 'Zm9v.', 'Zm9vÿ', 'Zm9v€']) {
      expect(decodeBase64url(bad)).toBeUndefined()
    }
  })

  it('refuses non-canonical trailing bits, so each byte string has one text form', () => {
    expect(decodeBase64url('Zg')).toEqual(bytes(0x66))
    expect(decodeBase64url('Zh')).toBeUndefined()
    expect(decodeBase64url('Zm8')).toEqual(bytes(0x66, 0x6f))
    expect(decodeBase64url('Zm9')).toBeUndefined()
  })

  it('accepts a text exactly when it is the encoding of its own decoding', () => {
    const alphabetChar = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/'.split(''),
    )
    fc.assert(
      fc.property(fc.array(alphabetChar, { maxLength: 12 }), (chars) => {
        const text = chars.join('')
        const decoded = decodeBase64url(text)
        if (decoded !== undefined) expect(encodeBase64url(decoded)).toBe(text)
        else if (/^[A-Za-z0-9_-]*$/.test(text) && text.length % 4 !== 1) {
          // only a non-canonical tail may be refused among alphabet-only texts of possible length
          expect(text.length % 4).not.toBe(0)
        }
      }),
      { numRuns: 500 },
    )
  })
})

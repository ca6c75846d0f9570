import { describe, expect, it } from 'vitest'
import { encodeBase64url } from './base64url.ts'
import { decodeJsonSegment } from './json-segment.ts'

const segment = (text: string): string => encodeBase64url(new TextEncoder().encode(text))

describe('decodeJsonSegment', () => {
  it('returns the JSON object a canonical segment holds', () => {
    expect(decodeJsonSegment(segment('{"alg":"HS256","kid":"k"}'))).toEqual({ alg: 'HS256', kid: 'k' })
  })

  it('refuses arrays, primitives, null, invalid JSON and non-canonical base64url', () => {
    for (const text of ['[1]', '"s"', '1', 'null', '{"a":', ''])
      expect(decodeJsonSegment(segment(text))).toBeUndefined()
    expect(decodeJsonSegment(`${segment('{"a":1}')}=`)).toBeUndefined()
  })

  it('refuses invalid UTF-8 and a byte-order mark', () => {
    expect(decodeJsonSegment(encodeBase64url(new Uint8Array([0x7b, 0xff, 0x7d])))).toBeUndefined()
    expect(decodeJsonSegment(segment('\uFEFF{"a":1}'))).toBeUndefined()
  })

  it('uses the decoder it is given', () => {
    const decoded = new TextEncoder().encode('{"from":"native"}')
    expect(decodeJsonSegment('anything', () => decoded)).toEqual({ from: 'native' })
    expect(decodeJsonSegment('anything', () => undefined)).toBeUndefined()
  })
})

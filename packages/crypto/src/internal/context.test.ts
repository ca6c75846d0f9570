import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hexBytes, known } from '../../test/fixtures.ts'
import { nobleContextAad } from '../../test/noble-envelope.ts'
import { encodeContext } from './context.ts'

describe('encodeContext', () => {
  it('produces the bytes of docs/design.md for a known context', () => {
    expect(encodeContext(known.context)).toEqual(hexBytes(known.dataAadHex))
  })

  it('treats an omitted context as {}', () => {
    expect(encodeContext(undefined)).toEqual(encodeContext({}))
    expect(encodeContext({})).toEqual(new TextEncoder().encode('alokai/crypto/v1/data\0'))
  })

  it('ignores key order', () => {
    expect(encodeContext({ b: '2', a: '1', c: '' })).toEqual(encodeContext({ c: '', a: '1', b: '2' }))
  })

  it('keeps look-alike contexts apart thanks to the length prefixes', () => {
    expect(encodeContext({ a: 'b,c' })).not.toEqual(encodeContext({ a: 'b', c: '' }))
    expect(encodeContext({ ab: '' })).not.toEqual(encodeContext({ a: 'b' }))
    expect(encodeContext({ a: '' })).not.toEqual(encodeContext({}))
  })

  it('sorts keys by UTF-8 bytes, not by UTF-16 code units', () => {
    // U+FF21 sorts after U+1F600 in UTF-16 (0xFF21 > 0xD83D) but before it in UTF-8 (EF < F0).
    const aad = encodeContext({ '😀': '1', Ａ: '2' })
    const text = new TextDecoder().decode(aad)
    expect(text.indexOf('Ａ')).toBeLessThan(text.indexOf('😀'))
  })

  it('matches the independent encoding for arbitrary Unicode contexts', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), (context) => {
        expect(encodeContext(context)).toEqual(nobleContextAad(context))
      }),
      { numRuns: 100 },
    )
  })

  it('refuses non-string values and lone surrogates with a TypeError that does not echo them', () => {
    expect(() => encodeContext({ id: 42 } as unknown as Record<string, string>)).toThrow(TypeError)
    expect(() => encodeContext('id=1' as unknown as Record<string, string>)).toThrow(TypeError)
    expect(() => encodeContext({ id: 'x\uD800secret' })).toThrow(/well-formed Unicode/)
    try {
      encodeContext({ id: 'x\uD800secret' })
    } catch (err) {
      expect((err as Error).message).not.toContain('secret')
    }
  })
})

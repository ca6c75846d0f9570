import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { constantTimeEqual } from './constant-time.ts'

describe('constantTimeEqual', () => {
  it('is true exactly when the bytes are the same', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        const same = a.length === b.length && a.every((v, i) => v === b[i])
        expect(constantTimeEqual(a, b)).toBe(same)
        expect(constantTimeEqual(a, a.slice())).toBe(true)
      }),
    )
  })

  it('compares strings as UTF-8 bytes, and a string with its own bytes', () => {
    expect(constantTimeEqual('état', 'état')).toBe(true)
    expect(constantTimeEqual('état', 'etat')).toBe(false)
    expect(constantTimeEqual('abc', new TextEncoder().encode('abc'))).toBe(true)
  })

  it('is false for different lengths and for a difference in the last byte only', () => {
    expect(constantTimeEqual(new Uint8Array(32), new Uint8Array(31))).toBe(false)
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(1))).toBe(false)
    // A prefix of the other value (same leading bytes, one shorter) is still different.
    expect(constantTimeEqual('placeholder', 'placeholder-')).toBe(false)
    const b = new Uint8Array(32)
    b[31] = 1
    expect(constantTimeEqual(new Uint8Array(32), b)).toBe(false)
  })
})

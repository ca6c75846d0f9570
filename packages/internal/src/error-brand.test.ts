import { describe, expect, it } from 'vitest'
import { createErrorBrand } from './error-brand.ts'

class CodedError extends Error {
  readonly code = 'ERR_TEST'
}

describe('createErrorBrand', () => {
  it('recognises an error marked by another copy of the same package', () => {
    const mine = createErrorBrand('@alokai/example')
    const otherCopy = createErrorBrand('@alokai/example')
    const error = new CodedError('refused')
    otherCopy.mark(error)
    expect(mine.test(error)).toBe(true)
  })

  it('does not recognise another package, an unmarked error or a look-alike object', () => {
    const brand = createErrorBrand('@alokai/example')
    const foreign = new CodedError('refused')
    createErrorBrand('@alokai/other').mark(foreign)
    expect(brand.test(foreign)).toBe(false)
    expect(brand.test(new CodedError('refused'))).toBe(false)
    for (const value of [
      undefined,
      null,
      'ERR_TEST',
      { code: 'ERR_TEST', [Symbol('@alokai/example/error')]: true },
    ]) {
      expect(brand.test(value)).toBe(false)
    }
  })

  it('keeps the mark out of enumeration and JSON, and read-only', () => {
    const brand = createErrorBrand('@alokai/example')
    const error = new CodedError('refused')
    brand.mark(error)
    expect(Object.keys(error)).toEqual(['code'])
    expect(JSON.stringify(error)).toBe('{"code":"ERR_TEST"}')
    expect(() => Object.defineProperty(error, Symbol.for('@alokai/example/error'), { value: false })).toThrow(
      TypeError,
    )
  })
})

import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  type CryptoError,
  DecryptError,
  isCryptoError,
  KeyFormatError,
  MalformedError,
  UnknownKeyError,
} from './errors.ts'

describe('isCryptoError', () => {
  const errors = [
    new KeyFormatError('expected 64 hex characters, got 3'),
    new UnknownKeyError('AAAAAAAA'),
    new MalformedError('not a sealed value'),
    new DecryptError(),
  ]

  it('recognises every failure of the package, with and without its code', () => {
    for (const err of errors) {
      expect(isCryptoError(err)).toBe(true)
      expect(isCryptoError(err, err.code)).toBe(true)
    }
  })

  it('refuses another code, and anything that only looks like a crypto error', () => {
    expect(isCryptoError(new DecryptError(), 'ERR_UNKNOWN_KEY')).toBe(false)
    const lookalike = Object.assign(new Error('decryption failed'), { code: 'ERR_DECRYPT' })
    expect(isCryptoError(lookalike)).toBe(false)
    expect(isCryptoError(lookalike, 'ERR_DECRYPT')).toBe(false)
    for (const value of [undefined, null, 'ERR_DECRYPT', { code: 'ERR_DECRYPT' }]) {
      expect(isCryptoError(value)).toBe(false)
    }
  })

  it('narrows to the subclass of the code it was asked about', () => {
    const err: unknown = new UnknownKeyError('AAAAAAAA')
    if (isCryptoError(err, 'ERR_UNKNOWN_KEY')) expectTypeOf(err).toEqualTypeOf<UnknownKeyError>()
    if (isCryptoError(err)) expectTypeOf(err).toEqualTypeOf<CryptoError>()
  })

  it('each subclass declares its literal code, so a switch narrows', () => {
    expectTypeOf<KeyFormatError['code']>().toEqualTypeOf<'ERR_KEY_FORMAT'>()
    expectTypeOf<UnknownKeyError['code']>().toEqualTypeOf<'ERR_UNKNOWN_KEY'>()
    expectTypeOf<MalformedError['code']>().toEqualTypeOf<'ERR_MALFORMED'>()
    expectTypeOf<DecryptError['code']>().toEqualTypeOf<'ERR_DECRYPT'>()
  })
})

describe('isCryptoError across copies of the package', () => {
  it('recognises an error made by a second copy of the module (the ESM and CJS builds in one app)', async () => {
    // A query string makes Vite load this file again as a separate module: its own CryptoError class.
    const secondCopy = './errors.ts?second-copy'
    const other = (await import(/* @vite-ignore */ secondCopy)) as typeof import('./errors.ts')
    const error = new other.DecryptError()
    expect(error).not.toBeInstanceOf(DecryptError)
    expect(isCryptoError(error)).toBe(true)
    expect(isCryptoError(error, 'ERR_DECRYPT')).toBe(true)
    expect(isCryptoError(error, 'ERR_MALFORMED')).toBe(false)
  })
})

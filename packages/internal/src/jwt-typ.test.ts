import { describe, expect, it } from 'vitest'
import { typMatches } from './jwt-typ.ts'

describe('typMatches', () => {
  it('treats a typ without a slash as application/<typ>, in any case', () => {
    expect(typMatches('JWT', 'jwt')).toBe(true)
    expect(typMatches('application/jwt', 'JWT')).toBe(true)
    expect(typMatches('Application/AT+JWT', 'at+jwt')).toBe(true)
  })

  it('never adds application/ to a typ that already has a slash', () => {
    expect(typMatches('application/text/plain', 'text/plain')).toBe(false)
    expect(typMatches('text/plain', 'application/text/plain')).toBe(false)
    expect(typMatches('TEXT/Plain', 'text/plain')).toBe(true)
  })

  it('refuses a missing or non-string typ and a different type', () => {
    for (const typ of [undefined, null, 1, ['jwt'], 'at+jwt', 'application/']) {
      expect(typMatches(typ, 'jwt')).toBe(false)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { readSessionCookie } from './read-session-cookie.ts'

const T = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln'

describe('readSessionCookie', () => {
  it('finds the default cookie among others', () => {
    expect(readSessionCookie(`theme=dark; __Host-session=${T}; lang=en`)).toBe(T)
  })

  it('reads a custom name and ignores look-alike names', () => {
    expect(readSessionCookie(`xcms=1; cms=${T}; cms_x=2`, 'cms')).toBe(T)
    expect(readSessionCookie(`__host-session=${T}`)).toBeUndefined()
  })

  it.each([
    ['no header', undefined],
    ['null', null],
    ['an empty header', ''],
    ['only other cookies', 'a=1; b=2'],
    ['the name without =', '__Host-session'],
    ['an empty value', '__Host-session='],
    ['a value with a space', '__Host-session=a b'],
  ])('returns undefined for %s', (_label, header) => {
    expect(readSessionCookie(header)).toBeUndefined()
  })

  it('tolerates odd whitespace, pieces without =, and quoted values', () => {
    expect(readSessionCookie(`  junk ;;  __Host-session =  ${T}  ; flag`)).toBe(T)
    expect(readSessionCookie(`__Host-session="${T}"`)).toBe(T)
    expect(readSessionCookie(`a="x=y;z"; __Host-session=${T}`)).toBe(T)
  })

  it('accepts a duplicate with the same value but refuses conflicting duplicates', () => {
    expect(readSessionCookie(`__Host-session=${T}; __Host-session=${T}`)).toBe(T)
    expect(readSessionCookie(`__Host-session=${T}; __Host-session=planted.by.attacker`)).toBeUndefined()
  })

  it('skips an empty duplicate left by a cleared cookie', () => {
    expect(readSessionCookie(`__Host-session=; __Host-session=${T}`)).toBe(T)
  })
})

import { describe, expect, it } from 'vitest'
import { freshnessSeconds } from '../src/internal/max-age.ts'
import { parseFetchableUrl } from '../src/internal/url-policy.ts'

describe('parseFetchableUrl', () => {
  it('allows https anywhere and http only on loopback', () => {
    for (const ok of [
      'https://login.example.com/',
      'http://localhost:3000',
      'http://127.0.0.1:9',
      'http://[::1]/',
    ]) {
      expect(parseFetchableUrl(ok)).toBeInstanceOf(URL)
    }
    for (const bad of [
      'http://login.example.com',
      'http://10.0.0.1',
      'ftp://x',
      'https://u:p@x.test',
      'nope',
      42,
    ]) {
      expect(parseFetchableUrl(bad)).toBeUndefined()
    }
  })
})

describe('freshnessSeconds', () => {
  it('uses max-age clamped to [300, 3600] and 300 when absent or uncacheable', () => {
    expect(freshnessSeconds('public, max-age=900')).toBe(900)
    expect(freshnessSeconds('max-age=10')).toBe(300)
    expect(freshnessSeconds('max-age=86400, must-revalidate')).toBe(3600)
    expect(freshnessSeconds('no-store')).toBe(300)
    expect(freshnessSeconds(null)).toBe(300)
    expect(freshnessSeconds('s-maxage=9000')).toBe(300)
  })
})

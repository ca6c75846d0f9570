import { describe, expect, it } from 'vitest'
import { isLoopbackHost, isSecureOrLoopbackUrl } from './dev-host.ts'

describe('the development-host rule', () => {
  it('knows the loopback names as URL#hostname spells them', () => {
    for (const url of ['http://localhost:8787/', 'http://127.0.0.1/', 'http://[::1]:9000/']) {
      expect(isLoopbackHost(new URL(url).hostname)).toBe(true)
    }
    for (const host of ['localhost.example.com', '127.0.0.2', '::1', 'example.com', '']) {
      expect(isLoopbackHost(host)).toBe(false)
    }
  })

  it('allows https anywhere and http on loopback only, never with credentials', () => {
    expect(isSecureOrLoopbackUrl(new URL('https://idp.example.com/'))).toBe(true)
    expect(isSecureOrLoopbackUrl(new URL('http://localhost:9000/'))).toBe(true)
    expect(isSecureOrLoopbackUrl(new URL('http://idp.example.com/'))).toBe(false)
    expect(isSecureOrLoopbackUrl(new URL('ftp://localhost/'))).toBe(false)
    expect(isSecureOrLoopbackUrl(new URL('https://user:pw@idp.example.com/'))).toBe(false)
    expect(isSecureOrLoopbackUrl(new URL('http://user@localhost/'))).toBe(false)
  })
})

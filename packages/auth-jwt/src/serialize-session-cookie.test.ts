import { describe, expect, it } from 'vitest'
import { clearSessionCookie, serializeSessionCookie } from './serialize-session-cookie.ts'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln'

describe('serializeSessionCookie', () => {
  it('defaults to a __Host- cookie that is HttpOnly, Secure, SameSite=Lax and Path=/', () => {
    expect(serializeSessionCookie(TOKEN, { maxAge: 3600 })).toBe(
      `__Host-session=${TOKEN}; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax`,
    )
  })

  it('allows a plain name without Secure for http development, and SameSite=Strict', () => {
    expect(
      serializeSessionCookie(TOKEN, { maxAge: 60, secure: false, name: 'cms_session', sameSite: 'Strict' }),
    ).toBe(`cms_session=${TOKEN}; Max-Age=60; Path=/; HttpOnly; SameSite=Strict`)
  })

  it.each(['__Host-cms_session', '__Secure-cms_session'])(
    'throws TypeError for %s without Secure',
    (name) => {
      expect(() => serializeSessionCookie(TOKEN, { maxAge: 60, secure: false, name })).toThrow(TypeError)
      expect(() => clearSessionCookie({ secure: false, name })).toThrow(TypeError)
    },
  )

  it('refuses values and names that would break the header, without echoing the value', () => {
    for (const bad of ['a;b', 'a b', 'a,b', 'a"b', 'a\\b', 'a\r\nSet-Cookie: x=y']) {
      let error: unknown
      try {
        serializeSessionCookie(bad, { maxAge: 1 })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).not.toContain(bad)
    }
    expect(() => serializeSessionCookie(TOKEN, { maxAge: 1, name: 'a=b' })).toThrow(TypeError)
    expect(() => serializeSessionCookie(TOKEN, { maxAge: -1 })).toThrow(TypeError)
    expect(() => serializeSessionCookie(TOKEN, { maxAge: 1.5 })).toThrow(TypeError)
  })
})

describe('clearSessionCookie', () => {
  it('expires the cookie under the same name and attributes', () => {
    expect(clearSessionCookie()).toBe(
      '__Host-session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; Secure; SameSite=Lax',
    )
  })
})

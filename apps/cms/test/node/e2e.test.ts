/**
 * End to end on `wrangler dev`: migrations applied and the development admin created by the real CLI into
 * a temporary `--persist-to`, the Worker served on 127.0.0.1 with a free port, a login over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from './fixtures/wrangler-dev'

let cms: WranglerDev
let base: string
let admin: { email: string; password: string }

beforeAll(async () => {
  cms = await startWranglerDev()
  base = cms.base
  admin = cms.admin
})

// The whole process group the fixture started (wrangler and its workerd child), by pid.
afterAll(() => cms?.stop())

describe('the CMS on wrangler dev', () => {
  it('serves /healthz with security headers', async () => {
    const res = await fetch(`${base}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('logs the development admin in over HTTP with the right cookie flags, then logs out', async () => {
    const cross = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.test' },
      body: JSON.stringify(admin),
    })
    expect(cross.status).toBe(403)

    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    })
    expect(res.status).toBe(200)
    const [cookie] = res.headers.getSetCookie()
    // Development over plain http: the plain name (browsers refuse __Host- without https), never Secure.
    expect(cookie).toMatch(/^cms_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; /)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/Max-Age=28800/)
    expect(cookie).not.toMatch(/; Secure/)
    const pair = cookie?.split(';')[0] ?? ''

    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie: pair } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ email: admin.email, roles: { global: ['admin'] } })

    const out = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: pair, origin: base },
    })
    expect(out.status).toBe(204)
    expect((await fetch(`${base}/api/auth/me`, { headers: { cookie: pair } })).status).toBe(401)
  })
})

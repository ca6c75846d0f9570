import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { client, loggedIn, makeSpace, makeUser, PASSWORD } from './helpers'

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe('CSRF', () => {
  it('refuses a login from another origin', async () => {
    const user = await makeUser()
    const res = await client().fetch('/api/auth/login', {
      json: { email: user.email, password: PASSWORD },
      headers: { origin: 'https://evil.test' },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'csrf_failed' })
  })

  it('refuses a state change with neither Origin nor Sec-Fetch-Site, and accepts Sec-Fetch-Site: same-origin', async () => {
    const user = await makeUser()
    const body = { email: user.email, password: PASSWORD }
    const bare = await client().fetch('/api/auth/login', { json: body, sameOrigin: false })
    expect(bare.status).toBe(403)
    const crossSite = await client().fetch('/api/auth/login', {
      json: body,
      sameOrigin: false,
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    const same = await client().fetch('/api/auth/login', {
      json: body,
      sameOrigin: false,
      headers: { 'sec-fetch-site': 'same-origin' },
    })
    expect(same.status).toBe(200)
  })

  it('refuses a cookie-authenticated state change from another origin (and a lookalike origin)', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    for (const origin of ['https://evil.test', 'https://cms.test.evil.test', 'http://cms.test', 'null']) {
      const res = await admin.fetch('/api/spaces', { json: { name: 'x' }, headers: { origin } })
      expect(res.status).toBe(403)
    }
    expect((await admin.fetch('/api/spaces', { json: { name: 'x' } })).status).toBe(201)
  })

  it('lets safe methods through without Origin', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    expect((await admin.fetch('/api/spaces', { headers: { origin: 'https://evil.test' } })).status).toBe(200)
  })

  it('refuses a form without a token, and accepts one with the session-bound token', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const missing = await admin.fetch('/api/spaces', form({ name: 'From a form' }))
    expect(missing.status).toBe(403)
    expect(await missing.json()).toMatchObject({ code: 'csrf_failed' })
    const wrong = await admin.fetch('/api/spaces', form({ name: 'From a form', csrf_token: 'A'.repeat(43) }))
    expect(wrong.status).toBe(403)
    const { csrfToken } = (await (await admin.fetch('/api/auth/csrf')).json()) as { csrfToken: string }
    const ok = await admin.fetch('/api/spaces', form({ name: 'From a form', csrf_token: csrfToken }))
    expect(ok.status).toBe(201)
    expect(await ok.json()).toMatchObject({ name: 'From a form' })
  })

  it("a session's form token does not work for another session", async () => {
    const a = await loggedIn({ globalAdmin: true })
    const b = await loggedIn({ globalAdmin: true })
    const { csrfToken } = (await (await a.fetch('/api/auth/csrf')).json()) as { csrfToken: string }
    expect((await b.fetch('/api/spaces', form({ name: 'x', csrf_token: csrfToken }))).status).toBe(403)
  })

  it('a login form needs the double-submit token from /api/auth/csrf', async () => {
    const user = await makeUser()
    const c = client()
    const without = await c.fetch('/api/auth/login', form({ email: user.email, password: PASSWORD }))
    expect(without.status).toBe(403)
    const { csrfToken } = (await (await c.fetch('/api/auth/csrf')).json()) as { csrfToken: string }
    expect([...c.cookies.keys()]).toContain('__Host-cms_csrf')
    const withToken = await c.fetch(
      '/api/auth/login',
      form({ email: user.email, password: PASSWORD, csrf_token: csrfToken }),
    )
    expect(withToken.status).toBe(200)
    // The token alone, without its cookie, is refused.
    const fresh = client()
    const stolen = await fresh.fetch(
      '/api/auth/login',
      form({ email: user.email, password: PASSWORD, csrf_token: csrfToken }),
    )
    expect(stolen.status).toBe(403)
  })

  it('requests with Authorization carry no ambient credential and skip the origin check', async () => {
    const res = await client().fetch('/api/spaces', {
      json: { name: 'x' },
      headers: { origin: 'https://evil.test', authorization: 'Bearer abc' },
    })
    // Reaches authentication (401: local mode has no bearer tokens yet), not the CSRF check.
    expect(res.status).toBe(401)
  })
})

describe('dashboard forms', () => {
  const tokenCount = async (spaceId: string) =>
    (
      await env.DB.prepare('SELECT COUNT(*) AS n FROM api_tokens WHERE space_id = ?1').bind(spaceId).first<{
        n: number
      }>()
    )?.n

  it('refuses a same-origin JSON POST to a dashboard page with 415 and creates nothing', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await admin.fetch(`/spaces/${spaceId}/settings/tokens`, {
      json: { name: 'From JSON', scope: 'management' },
    })
    expect(res.status).toBe(415)
    expect(await tokenCount(spaceId)).toBe(0)
    const plain = await admin.fetch(`/spaces/${spaceId}/settings/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'name=x&scope=management',
    })
    expect(plain.status).toBe(415)
    expect(await tokenCount(spaceId)).toBe(0)
  })

  it('requires the form token on a dashboard form even when an Authorization header is sent', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await admin.fetch(`/spaces/${spaceId}/settings/tokens`, {
      ...form({ name: 'No token', scope: 'delivery' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer abc' },
    })
    expect(res.status).toBe(403)
    expect(await tokenCount(spaceId)).toBe(0)
    const { csrfToken } = (await (await admin.fetch('/api/auth/csrf')).json()) as { csrfToken: string }
    const ok = await admin.fetch(
      `/spaces/${spaceId}/settings/tokens`,
      form({ name: 'With token', scope: 'delivery', csrf_token: csrfToken }),
    )
    // Post/redirect/get: the result page is a GET.
    expect(ok.status).toBe(303)
    expect(await tokenCount(spaceId)).toBe(1)
  })
})

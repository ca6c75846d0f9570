import { env } from 'cloudflare:test'
import { type JWTPayload, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { client } from './helpers'
import { AUDIENCE, createLocalIdp, ISSUER, type LocalIdp, oidcEnv } from './oidc-idp'

let idp: LocalIdp
let privateKey: CryptoKey
let otherKey: CryptoKey

const idpToken = (claims: JWTPayload, key?: CryptoKey): Promise<string> => idp.accessToken(claims, key)
const idpFetch: typeof fetch = (input, init) => idp.fetch(input, init)

beforeAll(async () => {
  idp = await createLocalIdp()
  privateKey = idp.privateKey
  otherKey = idp.otherKey
})

const oidcClient = () => client({ env: oidcEnv, deps: { oidcFetch: idpFetch } })
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

describe('oidc mode', () => {
  it('accepts a valid IdP token; a first login is a user with no role (403 on everything else)', async () => {
    const c = oidcClient()
    const sub = `alice-${crypto.randomUUID()}`
    const token = await idpToken({ sub, email: 'alice@example.com' })
    const me = await c.fetch('/api/auth/me', bearer(token))
    expect(me.status).toBe(200)
    const body = (await me.json()) as { id: string; email: string | null; via: string; roles: unknown }
    expect(body).toMatchObject({ via: 'bearer', email: null, roles: { global: [], spaces: [] } })
    expect((await c.fetch('/api/spaces', bearer(token))).status).toBe(403)
    expect((await c.fetch('/api/admin/users', bearer(token))).status).toBe(403)
  })

  it('keys users by (iss, sub): the same sub maps to the same user, and email is never used', async () => {
    const c = oidcClient()
    const sub = `bob-${crypto.randomUUID()}`
    const first = (await (
      await c.fetch('/api/auth/me', bearer(await idpToken({ sub, email: 'a@example.com' })))
    ).json()) as { id: string }
    const second = (await (
      await c.fetch('/api/auth/me', bearer(await idpToken({ sub, email: 'b@example.com' })))
    ).json()) as { id: string }
    const other = (await (
      await c.fetch('/api/auth/me', bearer(await idpToken({ sub: `${sub}-x`, email: 'a@example.com' })))
    ).json()) as { id: string }
    expect(second.id).toBe(first.id)
    expect(other.id).not.toBe(first.id)
    const row = await env.DB.prepare('SELECT iss, sub, user_id FROM oidc_identities WHERE sub = ?1')
      .bind(sub)
      .first()
    expect(row).toEqual({ iss: ISSUER, sub, user_id: first.id })
  })

  it('lets the user in once an admin grants a role', async () => {
    const c = oidcClient()
    const sub = `carol-${crypto.randomUUID()}`
    const token = await idpToken({ sub })
    const { id } = (await (await c.fetch('/api/auth/me', bearer(token))).json()) as { id: string }
    await env.DB.prepare("INSERT INTO user_roles (user_id, role, granted_at) VALUES (?1, 'admin', 0)")
      .bind(id)
      .run()
    expect((await c.fetch('/api/admin/users', bearer(token))).status).toBe(200)
  })

  it('refuses a token without the required scope with 403', async () => {
    const res = await oidcClient().fetch(
      '/api/auth/me',
      bearer(await idpToken({ sub: 'dave', scope: 'openid profile' })),
    )
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'forbidden' })
  })

  it('honours OIDC_REQUIRED_SCOPE', async () => {
    const c = client({ env: { ...oidcEnv, OIDC_REQUIRED_SCOPE: 'cms:admin' }, deps: { oidcFetch: idpFetch } })
    expect((await c.fetch('/api/auth/me', bearer(await idpToken({ sub: 'erin' })))).status).toBe(403)
    const ok = await c.fetch('/api/auth/me', bearer(await idpToken({ sub: 'erin', scope: 'cms:admin' })))
    expect(ok.status).toBe(200)
  })

  it.each([
    ['signed by another key', async () => idpToken({ sub: 'x' }, otherKey)],
    [
      'for another audience',
      async () =>
        new SignJWT({ sub: 'x', scope: 'cms' })
          .setProtectedHeader({ alg: 'ES256', kid: 'test-key-1' })
          .setIssuer(ISSUER)
          .setAudience('other')
          .setExpirationTime('5m')
          .sign(privateKey),
    ],
    [
      'from another issuer',
      async () =>
        new SignJWT({ sub: 'x', scope: 'cms' })
          .setProtectedHeader({ alg: 'ES256', kid: 'test-key-1' })
          .setIssuer('https://evil.test')
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .sign(privateKey),
    ],
    [
      'expired',
      async () =>
        new SignJWT({ sub: 'x', scope: 'cms' })
          .setProtectedHeader({ alg: 'ES256', kid: 'test-key-1' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 600)
          .sign(privateKey),
    ],
    ['not a JWT', async () => 'abc.def.ghi'],
  ])('refuses a token %s with 401', async (_label, make) => {
    const res = await oidcClient().fetch('/api/auth/me', bearer(await make()))
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ code: 'unauthenticated' })
  })

  it('POST /api/auth/session trades a valid IdP token for a session cookie (same origin only)', async () => {
    const c = oidcClient()
    const token = await idpToken({ sub: `frank-${crypto.randomUUID()}` })
    const cross = await c.fetch('/api/auth/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.test' },
    })
    expect(cross.status).toBe(403)
    const res = await c.fetch('/api/auth/session', { method: 'POST', ...bearer(token) })
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().join()).toMatch(/^__Host-cms_session=.*HttpOnly; Secure; SameSite=Lax/)
    const me = await c.fetch('/api/auth/me')
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ via: 'session' })
    const row = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE auth_method = 'oidc'").first<{
      n: number
    }>()
    expect(row?.n).toBeGreaterThan(0)
  })

  it('disables password login in oidc mode', async () => {
    const res = await oidcClient().fetch('/api/auth/login', {
      json: { email: 'a@example.com', password: 'x' },
    })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'wrong_auth_provider' })
  })

  it('caches the JWKS: many verifications, one fetch per verifier', async () => {
    const c = oidcClient()
    const before = idp.jwksFetches()
    for (let i = 0; i < 5; i++) {
      expect((await c.fetch('/api/auth/me', bearer(await idpToken({ sub: 'gina' })))).status).toBe(200)
    }
    expect(idp.jwksFetches() - before).toBeLessThanOrEqual(1)
  })
})

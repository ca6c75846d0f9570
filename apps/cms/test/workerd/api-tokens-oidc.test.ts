import { describe, expect, it } from 'vitest'
import { issueToken, member, testClock } from './api-tokens-helpers'
import { client } from './helpers'

const oidcEnv = { AUTH_PROVIDER: 'oidc', OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'cms-api' }

describe('API tokens in oidc mode', () => {
  it('resolves Bearer cms_… against D1 and never asks the IdP, while other bearers still go to the IdP', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { token } = await issueToken(admin, admin.spaceId, 'delivery')
    const requested: string[] = []
    const idpFetch: typeof fetch = async (input) => {
      requested.push(String(input instanceof Request ? input.url : input))
      return new Response('unavailable', { status: 503 })
    }
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch } })
    const path = `/api/spaces/${admin.spaceId}/entries`
    const ok = await c.fetch(path, { headers: { authorization: `Bearer ${token}` } })
    expect(ok.status).toBe(200)
    const bad = await c.fetch(path, { headers: { authorization: `Bearer cms_delivery_${'z'.repeat(43)}` } })
    expect(bad.status).toBe(401)
    expect(((await bad.json()) as { title: string }).title).toBe('Invalid API token')
    expect(requested).toEqual([])

    // A JWT-shaped bearer is an IdP token: it reaches the verifier (which fails here: the IdP is down).
    const jwt = await c.fetch(path, { headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln' } })
    expect(jwt.status).toBe(401)
    expect(((await jwt.json()) as { title: string }).title).toBe('Invalid bearer token')
    expect(requested.length).toBeGreaterThan(0)
  })
})

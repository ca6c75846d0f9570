/**
 * The `Authorization: Bearer` scheme as RFC 7235 and RFC 6750 define it: the scheme name is matched
 * without regard to case, and every 401 answered to a request carrying credentials says how to
 * authenticate (`WWW-Authenticate: Bearer …`), with `error="invalid_token"` when a token was presented and
 * `error="invalid_request"` when the header is malformed.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { issueToken, member, testClock } from './api-tokens-helpers'
import { client } from './helpers'
import { createLocalIdp, type LocalIdp, oidcEnv } from './oidc-idp'

let idp: LocalIdp
beforeAll(async () => {
  idp = await createLocalIdp()
})

const withAuth = (authorization: string) => ({ headers: { authorization }, sameOrigin: false })

async function spaceWithToken(): Promise<{ token: string; entries: string }> {
  const admin = await member(testClock(), 'admin')
  const { token } = await issueToken(admin, admin.spaceId, 'delivery')
  return { token, entries: `/api/spaces/${admin.spaceId}/entries` }
}

describe('the bearer scheme', () => {
  it('is matched without regard to case', async () => {
    const { token, entries } = await spaceWithToken()
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      expect((await client().fetch(entries, withAuth(`${scheme} ${token}`))).status).toBe(200)
    }
  })
})

describe('the challenge on a 401', () => {
  it('names invalid_token for an unknown API token, sent with a lower-case scheme', async () => {
    const { token, entries } = await spaceWithToken()
    const res = await client().fetch(entries, withAuth(`bearer ${token.slice(0, -4)}AAAA`))
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="cms", error="invalid_token"')
  })

  it('names invalid_request for a malformed bearer header, and challenges another scheme without an error', async () => {
    const { entries } = await spaceWithToken()
    const malformed = await client().fetch(entries, withAuth('Bearer has spaces'))
    expect(malformed.status).toBe(401)
    expect(malformed.headers.get('www-authenticate')).toBe('Bearer realm="cms", error="invalid_request"')
    const basic = await client().fetch(entries, withAuth('Basic dXNlcjpwYXNz'))
    expect(basic.status).toBe(401)
    expect(basic.headers.get('www-authenticate')).toBe('Bearer realm="cms"')
  })

  it('names invalid_token for an IdP bearer when the CMS takes none, and for one that fails verification', async () => {
    const local = await client().fetch('/api/auth/me', withAuth('Bearer eyJhbGciOi.x.y'))
    expect(local.status).toBe(401)
    expect(local.headers.get('www-authenticate')).toBe('Bearer realm="cms", error="invalid_token"')
    const oidc = client({ env: oidcEnv, deps: { oidcFetch: (i, init) => idp.fetch(i, init) } })
    const forged = await idp.accessToken({ sub: 'mallory' }, idp.otherKey)
    const res = await oidc.fetch('/api/auth/me', withAuth(`Bearer ${forged}`))
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="cms", error="invalid_token"')
  })
})

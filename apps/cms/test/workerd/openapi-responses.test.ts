/**
 * The success answers the OpenAPI document gives a schema for (`response` in `operations.ts`) are the
 * real answers: each such route is called here and its JSON parsed with the documented schema (strict
 * objects, so a field the document does not name fails too). A route that gains a schema without a call
 * here fails the last test.
 */
import { describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../src/http/openapi/operations'
import { client, loggedIn, makeSpace, makeUser, PASSWORD } from './helpers'
import { createLocalIdp, oidcEnv } from './oidc-idp'

const called = new Set<string>()

async function expectDocumented(key: string, res: Response): Promise<void> {
  called.add(key)
  const schema = OPERATIONS[key]?.response
  if (!schema) throw new Error(`${key} documents no answer`)
  expect(res.status, key).toBe(OPERATIONS[key]?.status ?? 200)
  const parsed = schema.safeParse(await res.json())
  expect(parsed.error?.issues ?? [], key).toEqual([])
}

describe('documented success answers', () => {
  it('health, form token, password sign-in and the caller answer what the document says', async () => {
    const c = client()
    await expectDocumented('GET /healthz', await c.fetch('/healthz'))
    await expectDocumented('GET /api/auth/csrf', await c.fetch('/api/auth/csrf'))
    const user = await makeUser({ label: 'openapi' })
    const login = await c.fetch('/api/auth/login', { json: { email: user.email, password: PASSWORD } })
    await expectDocumented('POST /api/auth/login', login)
    await expectDocumented('GET /api/auth/me', await c.fetch('/api/auth/me'))
  })

  it('the IdP session exchange answers what the document says', async () => {
    const idp = await createLocalIdp()
    const c = client({ env: oidcEnv, deps: { oidcFetch: (input, init) => idp.fetch(input, init) } })
    const token = await idp.accessToken({ sub: `openapi-${crypto.randomUUID()}` })
    const res = await c.fetch('/api/auth/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    await expectDocumented('POST /api/auth/session', res)
  })

  it('user administration answers what the document says', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const { id } = await makeUser({ label: 'openapi-target' })
    const users = `/api/admin/users/${id}`
    const roles = await admin.fetch(`${users}/roles`, { json: { scope: 'global', role: 'admin' } })
    await expectDocumented('POST /api/admin/users/:userId/roles', roles)
    const status = await admin.fetch(`${users}/status`, { json: { status: 'disabled' } })
    await expectDocumented('POST /api/admin/users/:userId/status', status)
    const revoke = await admin.fetch(`${users}/sessions/revoke`, { json: {} })
    await expectDocumented('POST /api/admin/users/:userId/sessions/revoke', revoke)
    const reset = await admin.fetch(`${users}/password/reset`, { json: {} })
    await expectDocumented('POST /api/admin/users/:userId/password/reset', reset)
  })

  it("adding a space's member answers what the document says", async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await admin.fetch(`/api/spaces/${spaceId}/members`, {
      json: { email: 'openapi-member@example.com', role: 'editor' },
    })
    await expectDocumented('POST /api/spaces/:spaceId/members', res)
  })

  it('every documented answer was checked above', () => {
    const documented = Object.entries(OPERATIONS)
      .filter(([, text]) => text.response !== undefined)
      .map(([key]) => key)
    expect(documented.sort()).toEqual([...called].sort())
  })
})

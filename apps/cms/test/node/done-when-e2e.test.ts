/**
 * Issue 28's "done when", over real HTTP on the CMS as `pnpm dev` runs it: `wrangler dev` with the dev
 * script's own arguments (`wranglerDevArgs`) on the port a `PORT` names — a free one found here, never a
 * fixed one — after the same migrations and development admin, in a temporary `--persist-to` (the fixture).
 * The dev script itself is not started: it applies migrations to, and resets the admin password of, the
 * checkout's own local database and may create `.dev.vars` there; `dev-port.test.ts` checks that it reads
 * `PORT` and serves with these arguments. Then: an old session cookie stays dead after disable and enable;
 * the last global admin can neither lose their role nor disable themselves (409 `last_admin`); a token keeps
 * its description, expiry and creator, and a past expiry is refused (400 `validation_failed`); a space
 * admin lists their members; a name with U+0000 or U+202E is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devPort } from '../../scripts/dev-port.mjs'
import { freePort, startWranglerDev, type WranglerDev } from './fixtures/wrangler-dev'

let cms: WranglerDev
let port = 0
let admin = { cookie: '', id: '' }

// The whole process group the fixture started (wrangler and its workerd child), by pid.
afterAll(() => cms?.stop())

/** A JSON request from the CMS's own origin (the CSRF check), with a session cookie when given. */
function call(
  path: string,
  init: { method?: string; cookie?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${cms.base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      origin: cms.base,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
}

async function json<T>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status)
  return (await res.json()) as T
}

/** Signs in with a password; the session cookie and the user's id. */
async function signIn(email: string, password: string): Promise<{ cookie: string; id: string }> {
  const res = await call('/api/auth/login', { body: { email, password } })
  expect(res.status).toBe(200)
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? ''
  const me = await json<{ id: string }>(await call('/api/auth/me', { cookie }), 200)
  return { cookie, id: me.id }
}

let made = 0
/** A new local user, created by the admin, and signed in. */
async function newUser(): Promise<{ email: string; cookie: string; id: string }> {
  const email = `user-${++made}-${Date.now()}@example.com`
  const password = `a long password ${made} for e2e`
  await json(await call('/api/admin/users', { cookie: admin.cookie, body: { email, password } }), 201)
  return { email, ...(await signIn(email, password)) }
}

async function newSpace(name: string): Promise<string> {
  return (
    await json<{ id: string }>(await call('/api/spaces', { cookie: admin.cookie, body: { name } }), 201)
  ).id
}

beforeAll(async () => {
  port = devPort([], { PORT: String(await freePort()) })
  cms = await startWranglerDev({}, { port })
  admin = await signIn(cms.admin.email, cms.admin.password)
}, 120_000)

describe("issue 28's done-when, over HTTP on the CMS as pnpm dev runs it", () => {
  it('answers on the port PORT names', async () => {
    expect(cms.base).toBe(`http://127.0.0.1:${port}`)
    expect(await json(await fetch(`http://127.0.0.1:${port}/healthz`), 200)).toEqual({ ok: true })
  })

  it('keeps an old session cookie dead after disable then enable (401)', async () => {
    const user = await newUser()
    const status = (value: string) =>
      call(`/api/admin/users/${user.id}/status`, { cookie: admin.cookie, body: { status: value } })
    expect((await status('disabled')).status).toBe(200)
    expect((await status('active')).status).toBe(200)
    expect((await call('/api/auth/me', { cookie: user.cookie })).status).toBe(401)
  })

  it('refuses to remove the last global admin and self-disable (409 last_admin)', async () => {
    const revoke = await call(`/api/admin/users/${admin.id}/roles`, {
      cookie: admin.cookie,
      body: { scope: 'global', role: 'admin', revoke: true },
    })
    expect(await json(revoke, 409)).toMatchObject({ code: 'last_admin' })
    const disable = await call(`/api/admin/users/${admin.id}/status`, {
      cookie: admin.cookie,
      body: { status: 'disabled' },
    })
    expect(await json(disable, 409)).toMatchObject({ code: 'last_admin' })
    expect((await call('/api/auth/me', { cookie: admin.cookie })).status).toBe(200)
  })

  it('lists a token with its description, future expiry and creator, and refuses a past expiry (400)', async () => {
    const spaceId = await newSpace('Tokens')
    const tokens = `/api/spaces/${spaceId}/tokens`
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const body = { name: 'CI deploys', scope: 'delivery', description: 'The storefront build', expiresAt }
    await json(await call(tokens, { cookie: admin.cookie, body }), 201)
    const listed = await json<{ tokens: Record<string, unknown>[] }>(
      await call(tokens, { cookie: admin.cookie }),
      200,
    )
    expect(listed.tokens).toMatchObject([
      {
        name: 'CI deploys',
        description: 'The storefront build',
        expiresAt: Date.parse(expiresAt),
        createdBy: admin.id,
      },
    ])
    const past = { ...body, expiresAt: new Date(Date.now() - 60_000).toISOString() }
    const refused = await json<{ code: string; issues: { path: string }[] }>(
      await call(tokens, { cookie: admin.cookie, body: past }),
      400,
    )
    expect(refused.code).toBe('validation_failed')
    expect(refused.issues.map((i) => i.path)).toContain('expiresAt')
  })

  it("lets a space admin list their space's members", async () => {
    const spaceId = await newSpace('Members')
    const spaceAdmin = await newUser()
    const grant = { scope: 'space', spaceId, role: 'admin' }
    await json(
      await call(`/api/admin/users/${spaceAdmin.id}/roles`, { cookie: admin.cookie, body: grant }),
      200,
    )
    const { members } = await json<{ members: { email: string; role: string }[] }>(
      await call(`/api/spaces/${spaceId}/members`, { cookie: spaceAdmin.cookie }),
      200,
    )
    expect(members).toEqual([expect.objectContaining({ email: spaceAdmin.email, role: 'admin' })])
  })

  it('refuses a name with U+0000 or U+202E (400 validation_failed)', async () => {
    for (const name of ['Shop\u0000', 'Shop\u202Egnp.exe']) {
      const res = await call('/api/spaces', { cookie: admin.cookie, body: { name } })
      expect(await json(res, 400)).toMatchObject({ code: 'validation_failed' })
    }
  })
})

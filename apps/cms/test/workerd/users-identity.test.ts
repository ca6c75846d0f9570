/**
 * An IdP user is a person, not an id: the ID token's `email`, `email_verified` and `name` are stored at
 * each dashboard sign-in (refreshed, never used to find the user, who stays keyed by `(iss, sub)`), and the
 * header, `/api/auth/me`, the Users page and the audit log name them by that email.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, loggedIn } from './helpers'
import { CLIENT_ID, createLocalIdp, type LocalIdp, oidcEnv } from './oidc-idp'

let idp: LocalIdp
const idpFetch: typeof fetch = (input, init) => idp.fetch(input, init)
beforeAll(async () => {
  idp = await createLocalIdp()
})

/** Signs `sub` in through the dashboard's code flow, the IdP answering with `claims` in the ID token. */
async function signIn(sub: string, claims: Record<string, unknown>): Promise<Client> {
  const c = client({ env: { ...oidcEnv, OIDC_CLIENT_ID: CLIENT_ID }, deps: { oidcFetch: idpFetch } })
  const start = await c.fetch('/login/oidc?next=%2Fspaces')
  const authorize = new URL(start.headers.get('location') ?? '')
  idp.nextIdToken = await idp.idToken({ sub, nonce: authorize.searchParams.get('nonce') ?? '', ...claims })
  const res = await c.fetch(`/login/oidc/callback?state=${authorize.searchParams.get('state')}&code=abc`)
  expect(res.status).toBe(303)
  return c
}

const profileOf = (sub: string) =>
  env.DB.prepare(
    `SELECT u.id, u.idp_email AS email, u.idp_email_verified AS verified, u.name
     FROM users u JOIN oidc_identities i ON i.user_id = u.id WHERE i.sub = ?1`,
  )
    .bind(sub)
    .first<{ id: string; email: string | null; verified: number; name: string | null }>()

describe("an IdP user's identity", () => {
  it('is stored from the ID token at sign-in and refreshed at the next one', async () => {
    const sub = `ada-${crypto.randomUUID()}`
    await signIn(sub, { email: 'Ada@Example.com', email_verified: true, name: 'Ada Lovelace' })
    expect(await profileOf(sub)).toMatchObject({
      email: 'ada@example.com',
      verified: 1,
      name: 'Ada Lovelace',
    })
    await signIn(sub, { email: 'ada@lovelace.example', email_verified: false, name: 'Ada King' })
    expect(await profileOf(sub)).toMatchObject({
      email: 'ada@lovelace.example',
      verified: 0,
      name: 'Ada King',
    })
  })

  it('keeps no malformed email, and no name with control or bidi-override characters', async () => {
    const sub = `odd-${crypto.randomUUID()}`
    await signIn(sub, { email: 'not an email', email_verified: true, name: 'evil\u202Egnp.exe' })
    expect(await profileOf(sub)).toMatchObject({ email: null, verified: 0, name: null })
  })

  it('names the user by email in the header, /api/auth/me, the Users page and the audit log', async () => {
    const sub = `grace-${crypto.randomUUID()}`
    const user = await signIn(sub, { email: 'grace@example.com', email_verified: true, name: 'Grace Hopper' })
    const me = (await (await user.fetch('/api/auth/me')).json()) as { email: string; name: string }
    expect(me).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper' })
    const spaces = await (await user.fetch('/spaces')).text()
    expect(spaces).toContain('grace@example.com')
    expect(spaces).not.toContain('IdP user')
    const admin = await loggedIn({ globalAdmin: true })
    const users = await (await admin.fetch('/admin/users?q=grace')).text()
    expect(users).toContain('grace@example.com')
    expect(users).not.toContain('IdP user')
    const audit = await (await admin.fetch('/admin/audit?action=auth.oidc_login')).text()
    expect(audit).toContain('grace@example.com')
  })

  it('marks an address the IdP did not verify wherever the user is named, so nobody passes for a colleague', async () => {
    const sub = `mallory-${crypto.randomUUID()}`
    // Some IdPs let a user type any address into their profile: this one names a colleague's.
    const mallory = await signIn(sub, { email: 'boss@example.com', email_verified: false })
    const header = await (await mallory.fetch('/spaces')).text()
    expect(header).toContain('boss@example.com (unverified)')
    const admin = await loggedIn({ globalAdmin: true })
    const users = await (await admin.fetch('/admin/users?q=boss%40example.com')).text()
    expect(users).toMatch(/boss@example\.com <span[^>]*>unverified<\/span>/)
    expect(users).toContain('Manage boss@example.com (unverified)')
    const audit = await (await admin.fetch('/admin/audit?action=auth.oidc_login')).text()
    expect(audit).toContain('boss@example.com (unverified)')
    const listed = (await (await admin.fetch('/api/admin/users')).json()) as {
      users: { email: string | null; email_verified: boolean }[]
    }
    expect(listed.users.find((u) => u.email === 'boss@example.com')?.email_verified).toBe(false)
  })
})

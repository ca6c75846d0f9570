/**
 * Roles granted by email before the account exists: a global admin invites an address (pending), and the
 * first dashboard sign-in whose ID token carries that email with `email_verified: true` claims it — the
 * roles taken, the invitation consumed, the claim audited. That is also how the first OIDC admin is made.
 * An address that already belongs to a user is granted at once; in local mode the invitation waits for
 * the admin to create the local user with that email.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, loggedIn, makeSpace, PASSWORD } from './helpers'
import { CLIENT_ID, createLocalIdp, type LocalIdp, oidcEnv } from './oidc-idp'

let idp: LocalIdp
const idpFetch: typeof fetch = (input, init) => idp.fetch(input, init)
beforeAll(async () => {
  idp = await createLocalIdp()
})
const dashboardEnv = { ...oidcEnv, OIDC_CLIENT_ID: CLIENT_ID }

/** Signs `sub` in through the dashboard's code flow, the IdP answering with `claims` in the ID token. */
async function signIn(claims: Record<string, unknown>): Promise<Client> {
  const c = client({ env: dashboardEnv, deps: { oidcFetch: idpFetch } })
  const start = await c.fetch('/login/oidc?next=%2Fspaces')
  const authorize = new URL(start.headers.get('location') ?? '')
  const nonce = authorize.searchParams.get('nonce') ?? ''
  idp.nextIdToken = await idp.idToken({ sub: `sub-${crypto.randomUUID()}`, nonce, ...claims })
  const res = await c.fetch(`/login/oidc/callback?state=${authorize.searchParams.get('state')}&code=abc`)
  expect(res.status).toBe(303)
  return c
}

/** A global admin signed in through the IdP (made one directly in D1). */
async function oidcAdmin(): Promise<Client> {
  const c = await signIn({ email: `admin-${crypto.randomUUID()}@example.com`, email_verified: true })
  const me = (await (await c.fetch('/api/auth/me')).json()) as { id: string }
  await env.DB.prepare("INSERT INTO user_roles (user_id, role, granted_at) VALUES (?1, 'admin', 0)")
    .bind(me.id)
    .run()
  return c
}

const invite = (admin: Client, body: Record<string, unknown>) =>
  admin.fetch('/api/admin/invitations', { json: body })

describe('an invitation by email', () => {
  it('makes the first OIDC admin: the first verified sign-in with that email takes the role', async () => {
    const admin = await oidcAdmin()
    const res = await invite(admin, { email: 'First.Admin@Example.com', scope: 'global', role: 'admin' })
    expect(res.status).toBe(201)
    const invited = (await res.json()) as { status: string; invitation: { id: string; email: string } }
    expect(invited).toMatchObject({ status: 'invited', invitation: { email: 'first.admin@example.com' } })
    const listed = (await (await admin.fetch('/api/admin/invitations')).json()) as { invitations: unknown[] }
    expect(listed.invitations).toHaveLength(1)

    const user = await signIn({ email: 'first.admin@example.com', email_verified: true })
    expect((await user.fetch('/api/admin/users')).status).toBe(200)
    const after = (await (await admin.fetch('/api/admin/invitations')).json()) as { invitations: unknown[] }
    expect(after.invitations).toEqual([])
    // Claimed once: a second identity with the same verified email finds nothing left to take.
    const second = await signIn({ email: 'first.admin@example.com', email_verified: true })
    expect((await second.fetch('/api/admin/users')).status).toBe(403)
    const me = (await (await user.fetch('/api/auth/me')).json()) as { id: string }
    const claim = await env.DB.prepare(
      "SELECT actor_id, outcome, reason FROM audit_log WHERE action = 'invitations.claim' AND target_id = ?1",
    )
      .bind(me.id)
      .first()
    expect(claim).toEqual({ actor_id: me.id, outcome: 'success', reason: 'global:admin' })
  })

  it('is not claimed by an unverified email', async () => {
    const admin = await oidcAdmin()
    const spaceId = await makeSpace()
    await invite(admin, { email: 'eve@example.com', scope: 'space', spaceId, role: 'editor' })
    const eve = await signIn({ email: 'eve@example.com', email_verified: false })
    expect((await eve.fetch(`/api/spaces/${spaceId}`)).status).toBe(403)
    const listed = (await (await admin.fetch('/api/admin/invitations')).json()) as { invitations: unknown[] }
    expect(listed.invitations).toHaveLength(1)
  })

  it('gives a space role at the first sign-in', async () => {
    const admin = await oidcAdmin()
    const spaceId = await makeSpace()
    await invite(admin, { email: 'ed@example.com', scope: 'space', spaceId, role: 'editor' })
    const ed = await signIn({ email: 'ed@example.com', email_verified: true })
    expect((await ed.fetch(`/api/spaces/${spaceId}`)).status).toBe(200)
  })

  it('grants at once when a user already has the email', async () => {
    const admin = await oidcAdmin()
    const spaceId = await makeSpace()
    await signIn({ email: 'known@example.com', email_verified: true })
    const res = await invite(admin, { email: 'known@example.com', scope: 'space', spaceId, role: 'admin' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'granted' })
    const listed = (await (await admin.fetch('/api/admin/invitations')).json()) as {
      invitations: { email: string }[]
    }
    expect(listed.invitations.filter((i) => i.email === 'known@example.com')).toEqual([])
  })

  it('can be withdrawn, and then nobody claims it', async () => {
    const admin = await oidcAdmin()
    const res = await invite(admin, { email: 'gone@example.com', scope: 'global', role: 'admin' })
    const { invitation } = (await res.json()) as { invitation: { id: string } }
    expect((await admin.fetch(`/api/admin/invitations/${invitation.id}`, { method: 'DELETE' })).status).toBe(
      204,
    )
    expect((await admin.fetch(`/api/admin/invitations/${invitation.id}`, { method: 'DELETE' })).status).toBe(
      404,
    )
    const late = await signIn({ email: 'gone@example.com', email_verified: true })
    expect((await late.fetch('/api/admin/users')).status).toBe(403)
  })

  it('waits in local mode for the admin to create the local user with that email', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace()
    const res = await invite(admin, { email: 'later@example.com', scope: 'space', spaceId, role: 'editor' })
    expect(res.status).toBe(201)
    const created = await admin.fetch('/api/admin/users', {
      json: { email: 'later@example.com', password: PASSWORD },
    })
    expect(created.status).toBe(201)
    const later = client()
    await later.fetch('/api/auth/login', { json: { email: 'later@example.com', password: PASSWORD } })
    expect((await later.fetch(`/api/spaces/${spaceId}`)).status).toBe(200)
  })
})

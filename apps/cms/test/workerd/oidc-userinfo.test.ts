/**
 * The userinfo step of the dashboard's IdP sign-in, driven without HTTP (`oidc-service.ts`): when the
 * IdP's discovery names a `userinfo_endpoint` and the ID token lacks `email` or `name`, the service asks
 * userinfo with the access token, keeps what the ID token did not say (the ID token wins claim by claim,
 * `email_verified` comes with its `email`), refuses an answer about another `sub`, and never fails a
 * sign-in for userinfo: it signs in with the ID token's claims and logs one line without a secret.
 */
import { env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { finishOidcSignIn } from '../../src/features/sessions/oidc-sign-in'
import { loggedIn, makeSpace } from './helpers'
import { ACCESS_TOKEN, createLocalIdp, ISSUER, type LocalIdp } from './oidc-idp'
import { type ServiceSetup, serviceSetup, startedSignIn } from './oidc-service'

let idp: LocalIdp
beforeAll(async () => {
  idp = await createLocalIdp()
})
afterEach(() => {
  idp.nextUserinfo = undefined
  vi.restoreAllMocks()
})

const profileOf = (sub: string) =>
  env.DB.prepare(
    `SELECT u.idp_email AS email, u.idp_email_verified AS verified, u.name
     FROM users u JOIN oidc_identities i ON i.user_id = u.id WHERE i.sub = ?1`,
  )
    .bind(sub)
    .first<{ email: string | null; verified: number; name: string | null }>()

/** Signs in with an ID token carrying `claims`, userinfo answering `userinfo` (its `sub` by default). */
async function signIn(
  s: ServiceSetup,
  claims: Record<string, unknown>,
  userinfo?: (sub: string) => Record<string, unknown>,
) {
  const { kept, state, callback, sub } = await startedSignIn(idp, s, claims)
  idp.nextUserinfo = userinfo?.(sub)
  const result = await finishOidcSignIn(s.scope, s.transport, callback({ code: 'c1', state }), kept)
  return { result, sub }
}

/** Makes the IdP's userinfo endpoint answer 500 (with the token in the body) for this setup. */
function failUserinfo(s: ServiceSetup): void {
  const inner = s.transport.fetch
  s.transport.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url === `${ISSUER}/userinfo`) return new Response(`secret ${ACCESS_TOKEN}`, { status: 500 })
    return (inner ?? fetch)(input, init)
  }
}

const pendingInvitation = (email: string) =>
  env.DB.prepare('SELECT id FROM invitations WHERE email = ?1').bind(email).first()

async function invite(email: string): Promise<void> {
  const admin = await loggedIn({ globalAdmin: true })
  const body = { email, scope: 'space', spaceId: await makeSpace(), role: 'editor' }
  expect((await admin.fetch('/api/admin/invitations', { json: body })).status).toBe(201)
}

describe('userinfo at IdP sign-in', () => {
  it('fills the email and name an ID token lacks from userinfo, with the access token', async () => {
    const s = serviceSetup(idp)
    const before = idp.userinfoFetches()
    const { result, sub } = await signIn(s, {}, (sub) => ({
      sub,
      email: 'Lin@Example.com',
      email_verified: true,
      name: 'Lin Userinfo',
    }))
    expect(result.ok).toBe(true)
    expect(idp.userinfoFetches()).toBe(before + 1)
    expect(await profileOf(sub)).toEqual({ email: 'lin@example.com', verified: 1, name: 'Lin Userinfo' })
  })

  it('lets a verified userinfo email claim the invitation waiting for it', async () => {
    const email = `claim-${crypto.randomUUID()}@example.com`
    await invite(email)
    const s = serviceSetup(idp)
    const { result } = await signIn(s, {}, (sub) => ({ sub, email, email_verified: true }))
    expect(result.ok).toBe(true)
    expect(await pendingInvitation(email)).toBeNull()
    expect(s.events.map((e) => e.action)).toContain('invitations.claim')
  })

  it('asks nothing when the ID token carries both email and name', async () => {
    const s = serviceSetup(idp)
    const before = idp.userinfoFetches()
    const claims = { email: 'both@example.com', email_verified: true, name: 'Both' }
    const { result } = await signIn(s, claims, (sub) => ({ sub, name: 'Other' }))
    expect(result.ok).toBe(true)
    expect(idp.userinfoFetches()).toBe(before)
  })

  it('lets the ID token win claim by claim, email_verified travelling with its email', async () => {
    const s = serviceSetup(idp)
    // The ID token says "verified" but carries no email: that says nothing about userinfo's address.
    const { sub } = await signIn(s, { name: 'From Token', email_verified: true }, (sub) => ({
      sub,
      name: 'From Userinfo',
      email: 'unverified@example.com',
    }))
    expect(await profileOf(sub)).toEqual({ email: 'unverified@example.com', verified: 0, name: 'From Token' })
    const s2 = serviceSetup(idp)
    const { sub: sub2 } = await signIn(s2, { email: 'token@example.com', email_verified: false }, (sub) => ({
      sub,
      email: 'userinfo@example.com',
      email_verified: true,
      name: 'Named By Userinfo',
    }))
    expect(await profileOf(sub2)).toEqual({
      email: 'token@example.com',
      verified: 0,
      name: 'Named By Userinfo',
    })
  })

  it('refuses an answer about another subject: nothing from it is kept or claims anything', async () => {
    const email = `victim-${crypto.randomUUID()}@example.com`
    await invite(email)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = serviceSetup(idp)
    const { result, sub } = await signIn(s, {}, () => ({
      sub: 'someone-else',
      email,
      email_verified: true,
      name: 'Someone Else',
    }))
    expect(result.ok).toBe(true)
    expect(await profileOf(sub)).toEqual({ email: null, verified: 0, name: null })
    expect(await pendingInvitation(email)).not.toBeNull()
    const lines = warn.mock.calls.map((call) => String(call[0]))
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { level: 'warn', event: 'oidc_userinfo_failed', reason: 'sub_mismatch' },
    ])
    expect(lines.join('\n')).not.toContain(ACCESS_TOKEN)
    expect(lines.join('\n')).not.toContain(email)
  })

  it('signs in with what the ID token had when userinfo fails, and logs a line without the token', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = serviceSetup(idp)
    failUserinfo(s)
    const { result, sub } = await signIn(s, { name: 'Only A Name' })
    expect(result).toMatchObject({ ok: true })
    expect(await profileOf(sub)).toEqual({ email: null, verified: 0, name: 'Only A Name' })
    const lines = warn.mock.calls.map((call) => String(call[0]))
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { level: 'warn', event: 'oidc_userinfo_failed', reason: 'unavailable', code: 'status' },
    ])
    expect(lines.join('\n')).not.toContain(ACCESS_TOKEN)
  })

  it('keeps what an earlier sign-in stored for the claims a failed userinfo would have given', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const sub = `kept-${crypto.randomUUID()}`
    await signIn(serviceSetup(idp), { sub }, () => ({
      sub,
      email: 'kept@example.com',
      email_verified: true,
      name: 'Kept',
    }))
    const failing = serviceSetup(idp)
    failUserinfo(failing)
    const { result } = await signIn(failing, { sub, name: 'Renamed In Token' })
    expect(result.ok).toBe(true)
    expect(await profileOf(sub)).toEqual({ email: 'kept@example.com', verified: 1, name: 'Renamed In Token' })
  })

  it('asks nothing of an IdP whose discovery names no userinfo endpoint', async () => {
    const s = serviceSetup(idp)
    const inner = s.transport.fetch
    s.transport.fetch = async (input, init) => {
      const res = await (inner ?? fetch)(input, init)
      const url = String(input instanceof Request ? input.url : input)
      if (!url.endsWith('/.well-known/openid-configuration')) return res
      const { userinfo_endpoint: _, ...doc } = (await res.json()) as Record<string, unknown>
      return Response.json(doc, { headers: { 'cache-control': 'max-age=600' } })
    }
    const before = idp.userinfoFetches()
    const { result } = await signIn(s, {}, (sub) => ({ sub, email: 'never@example.com' }))
    expect(result.ok).toBe(true)
    expect(idp.userinfoFetches()).toBe(before)
  })
})

/**
 * A space's members, managed by its admins: `GET/POST /api/spaces/:spaceId/members` lists and adds them
 * by email (pending as an invitation until the account exists), `DELETE …/members/:userId` removes a
 * member's role, `DELETE …/members/invitations/:invitationId` withdraws an invitation. Editors may not, a
 * space admin of another space may not, and no space route reaches a global role.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { loggedIn, makeSpace, makeUser } from './helpers'

interface Members {
  members: { userId: string; email: string | null; name: string | null; role: string; status: string }[]
  invitations: { id: string; email: string; role: string }[]
}

describe("a space's members", () => {
  it('are listed for a space admin, with emails and roles, and refused to editors', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    const res = await admin.fetch(`/api/spaces/${spaceId}/members`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Members
    expect(body.members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [admin.user.email, 'admin'],
        [editor.user.email, 'editor'],
      ].sort(),
    )
    expect((await editor.fetch(`/api/spaces/${spaceId}/members`)).status).toBe(403)
    const other = await loggedIn({ spaces: [{ spaceId: await makeSpace(), role: 'admin' }] })
    expect((await other.fetch(`/api/spaces/${spaceId}/members`)).status).toBe(403)
  })

  it('are added by email with one answer, account or not: the account holds the role, the address is invited', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const known = await makeUser()
    const add = (email: string, role: string) =>
      admin.fetch(`/api/spaces/${spaceId}/members`, { json: { email, role } })
    const added = await add(known.email.toUpperCase(), 'editor')
    const invited = await add('Newcomer@Example.com', 'editor')
    // The same status, headers and body shape: the answer says nothing of an account elsewhere.
    expect([added.status, invited.status]).toEqual([202, 202])
    expect(await added.json()).toEqual({ email: known.email, role: 'editor' })
    expect(await invited.json()).toEqual({ email: 'newcomer@example.com', role: 'editor' })
    expect(added.headers.get('location')).toBe(invited.headers.get('location'))
    const body = (await (await admin.fetch(`/api/spaces/${spaceId}/members`)).json()) as Members
    expect(body.members.some((m) => m.userId === known.id && m.role === 'editor')).toBe(true)
    expect(body.invitations).toMatchObject([{ email: 'newcomer@example.com', role: 'editor' }])
  })

  it('answer an address that several accounts hold like any other, as an invitation', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const local = await makeUser()
    // An IdP user whose last sign-in verified the same address: two holders.
    await env.DB.prepare(
      `INSERT INTO users (id, email, password_hash, status, created_at, updated_at, idp_email, idp_email_verified)
       VALUES (?1, NULL, NULL, 'active', 0, 0, ?2, 1)`,
    )
      .bind(`usr_${crypto.randomUUID().replaceAll('-', '').slice(0, 22)}`, local.email)
      .run()
    const res = await admin.fetch(`/api/spaces/${spaceId}/members`, {
      json: { email: local.email, role: 'editor' },
    })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ email: local.email, role: 'editor' })
    const body = (await (await admin.fetch(`/api/spaces/${spaceId}/members`)).json()) as Members
    expect(body.invitations).toMatchObject([{ email: local.email, role: 'editor' }])
  })

  it('never reach a global role through the space routes', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await admin.fetch(`/api/spaces/${spaceId}/members`, {
      json: { email: 'x@example.com', role: 'admin', scope: 'global' },
    })
    expect(res.status).toBe(400)
  })

  it('are removed with the role they held recorded, and a second removal is a 404', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const member = await makeUser({ spaces: [{ spaceId, role: 'editor' }] })
    expect(
      (await admin.fetch(`/api/spaces/${spaceId}/members/${member.id}`, { method: 'DELETE' })).status,
    ).toBe(204)
    expect(
      (await admin.fetch(`/api/spaces/${spaceId}/members/${member.id}`, { method: 'DELETE' })).status,
    ).toBe(404)
    const entry = await env.DB.prepare(
      "SELECT reason, space_id FROM audit_log WHERE action = 'roles.revoke' AND outcome = 'success' AND target_id = ?1",
    )
      .bind(member.id)
      .first()
    expect(entry).toEqual({ reason: 'space:editor', space_id: spaceId })
  })

  it("have their invitations withdrawn, only the space's own", async () => {
    const spaceId = await makeSpace()
    const otherSpace = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const otherAdmin = await loggedIn({ spaces: [{ spaceId: otherSpace, role: 'admin' }] })
    const res = await otherAdmin.fetch(`/api/spaces/${otherSpace}/members`, {
      json: { email: 'pending@example.com', role: 'editor' },
    })
    expect(res.status).toBe(202)
    const listed = (await (await otherAdmin.fetch(`/api/spaces/${otherSpace}/members`)).json()) as Members
    const [invitation] = listed.invitations
    if (!invitation) throw new Error('no invitation')
    const path = (space: string) => `/api/spaces/${space}/members/invitations/${invitation.id}`
    expect((await admin.fetch(path(spaceId), { method: 'DELETE' })).status).toBe(404)
    expect((await otherAdmin.fetch(path(otherSpace), { method: 'DELETE' })).status).toBe(204)
  })
})

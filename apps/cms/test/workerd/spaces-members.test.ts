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

  it('are added by email: at once for an account, pending for an address without one', async () => {
    const spaceId = await makeSpace()
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const known = await makeUser()
    const added = await admin.fetch(`/api/spaces/${spaceId}/members`, {
      json: { email: known.email, role: 'editor' },
    })
    expect(added.status).toBe(200)
    expect(await added.json()).toMatchObject({ status: 'granted', userId: known.id })
    const invited = await admin.fetch(`/api/spaces/${spaceId}/members`, {
      json: { email: 'newcomer@example.com', role: 'admin' },
    })
    expect(invited.status).toBe(201)
    const body = (await (await admin.fetch(`/api/spaces/${spaceId}/members`)).json()) as Members
    expect(body.members.some((m) => m.userId === known.id && m.role === 'editor')).toBe(true)
    expect(body.invitations).toMatchObject([{ email: 'newcomer@example.com', role: 'admin' }])
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
    const { invitation } = (await res.json()) as { invitation: { id: string } }
    const path = (space: string) => `/api/spaces/${space}/members/invitations/${invitation.id}`
    expect((await admin.fetch(path(spaceId), { method: 'DELETE' })).status).toBe(404)
    expect((await otherAdmin.fetch(path(otherSpace), { method: 'DELETE' })).status).toBe(204)
  })
})

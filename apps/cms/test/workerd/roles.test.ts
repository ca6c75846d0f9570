import { describe, expect, it } from 'vitest'
import { type Action, can, POLICY } from '../../src/domain/policy'
import type { UserRoles } from '../../src/domain/roles'
import { client, loggedIn, makeSpace, makeUser } from './helpers'

const SPACE = 'spc_AAAAAAAAAAAAAAAAAAAAAA'
const OTHER = 'spc_BBBBBBBBBBBBBBBBBBBBBB'
const editor: UserRoles = { global: [], spaces: [{ spaceId: SPACE, role: 'editor' }] }
const spaceAdmin: UserRoles = { global: [], spaces: [{ spaceId: SPACE, role: 'admin' }] }
const globalAdmin: UserRoles = { global: ['admin'], spaces: [] }
const nobody: UserRoles = { global: [], spaces: [] }

// The role matrix of docs/design.md, cell by cell: [action, space editor, space admin, global admin].
const MATRIX: [Action, boolean, boolean, boolean][] = [
  ['content.read', true, true, true],
  ['content.write', true, true, true],
  ['tokens.list', false, true, true],
  ['tokens.create', false, true, true],
  ['tokens.revoke', false, true, true],
  ['tokens.reveal', false, true, true],
  ['mcp.list', true, true, true],
  ['mcp.test', true, true, true],
  ['mcp.rpc', true, true, true],
  ['mcp.create', false, true, true],
  ['mcp.update', false, true, true],
  ['mcp.delete', false, true, true],
  ['preview.list', true, true, true],
  ['preview.probe', true, true, true],
  ['preview.create', false, true, true],
  ['preview.update', false, true, true],
  ['preview.delete', false, true, true],
  ['audit.read', false, true, true],
  ['keys.status', false, false, true],
  ['keys.rewrap', false, false, true],
  ['keys.reseal', false, false, true],
  ['users.list', false, false, true],
  ['users.create', false, false, true],
  ['users.manage', false, false, true],
  ['roles.grant', false, false, true],
  ['members.list', false, true, true],
  ['members.manage', false, true, true],
  ['spaces.read', true, true, true],
  ['spaces.create', false, false, true],
  ['spaces.rename', false, true, true],
  ['spaces.delete', false, false, true],
]

describe('the policy table', () => {
  it('covers every action exactly once in the matrix below', () => {
    expect(MATRIX.map(([a]) => a).sort()).toEqual(
      Object.keys(POLICY)
        .filter((a) => a !== 'spaces.list')
        .sort(),
    )
  })

  it.each(MATRIX)('%s: editor %s, space admin %s, global admin %s', (action, e, a, g) => {
    expect(can(editor, action, SPACE)).toBe(e)
    expect(can(spaceAdmin, action, SPACE)).toBe(a)
    expect(can(globalAdmin, action, SPACE)).toBe(g)
    // A role in one space grants nothing in another, and no role grants nothing at all.
    expect(can(editor, action, OTHER)).toBe(false)
    expect(can(spaceAdmin, action, OTHER)).toBe(false)
    expect(can(globalAdmin, action, OTHER)).toBe(true)
    expect(can(nobody, action, SPACE)).toBe(false)
  })

  it('lets members list spaces and refuses users with no role at all', () => {
    expect(can(editor, 'spaces.list')).toBe(true)
    expect(can(globalAdmin, 'spaces.list')).toBe(true)
    expect(can(nobody, 'spaces.list')).toBe(false)
  })
})

describe('the routes enforce the table', () => {
  async function actors() {
    const space = await makeSpace('Matrix')
    const other = await makeSpace('Other')
    const [ed, sa, ga, none] = await Promise.all([
      loggedIn({ spaces: [{ spaceId: space, role: 'editor' }] }),
      loggedIn({ spaces: [{ spaceId: space, role: 'admin' }] }),
      loggedIn({ globalAdmin: true }),
      loggedIn(),
    ])
    return { space, other, ed, sa, ga, none }
  }

  it('spaces: create, list, read, rename', async () => {
    const { space, other, ed, sa, ga, none } = await actors()
    const create = { json: { name: 'New' } }
    expect((await ed.fetch('/api/spaces', create)).status).toBe(403)
    expect((await sa.fetch('/api/spaces', create)).status).toBe(403)
    expect((await none.fetch('/api/spaces', create)).status).toBe(403)
    const created = await ga.fetch('/api/spaces', create)
    expect(created.status).toBe(201)
    expect((await created.json()) as { id: string }).toMatchObject({ id: expect.stringMatching(/^spc_/) })

    expect((await none.fetch('/api/spaces')).status).toBe(403)
    const listed = (await (await ed.fetch('/api/spaces')).json()) as { spaces: { id: string }[] }
    expect(listed.spaces.map((s) => s.id)).toEqual([space])
    const all = (await (await ga.fetch('/api/spaces')).json()) as { spaces: { id: string }[] }
    expect(all.spaces.map((s) => s.id)).toEqual(expect.arrayContaining([space, other]))

    expect((await ed.fetch(`/api/spaces/${space}`)).status).toBe(200)
    expect((await ed.fetch(`/api/spaces/${other}`)).status).toBe(403)
    expect((await none.fetch(`/api/spaces/${space}`)).status).toBe(403)

    const rename = { method: 'PATCH', json: { name: 'Renamed' } }
    expect((await ed.fetch(`/api/spaces/${space}`, rename)).status).toBe(403)
    expect((await sa.fetch(`/api/spaces/${other}`, rename)).status).toBe(403)
    const renamed = await sa.fetch(`/api/spaces/${space}`, rename)
    expect(renamed.status).toBe(200)
    expect(await renamed.json()).toMatchObject({ id: space, name: 'Renamed' })
    expect((await ga.fetch(`/api/spaces/${other}`, rename)).status).toBe(200)
  })

  it('users and roles: global admins only', async () => {
    const { space, ed, sa, ga, none } = await actors()
    const target = await makeUser()
    for (const who of [ed, sa, none]) {
      expect((await who.fetch('/api/admin/users')).status).toBe(403)
      expect(
        (
          await who.fetch('/api/admin/users', {
            json: { email: 'x@example.com', password: 'long enough password' },
          })
        ).status,
      ).toBe(403)
      expect(
        (await who.fetch(`/api/admin/users/${target.id}/roles`, { json: { scope: 'global', role: 'admin' } }))
          .status,
      ).toBe(403)
      expect(
        (await who.fetch(`/api/admin/users/${target.id}/status`, { json: { status: 'disabled' } })).status,
      ).toBe(403)
      expect(
        (await who.fetch(`/api/admin/users/${target.id}/sessions/revoke`, { method: 'POST' })).status,
      ).toBe(403)
    }
    expect((await ga.fetch('/api/admin/users')).status).toBe(200)
    const grant = await ga.fetch(`/api/admin/users/${target.id}/roles`, {
      json: { scope: 'space', spaceId: space, role: 'editor' },
    })
    expect(grant.status).toBe(200)
    const asTarget = client()
    await asTarget.fetch('/api/auth/login', {
      json: { email: target.email, password: 'correct horse battery staple' },
    })
    expect((await asTarget.fetch(`/api/spaces/${space}`)).status).toBe(200)
    const revoke = await ga.fetch(`/api/admin/users/${target.id}/roles`, {
      json: { scope: 'space', spaceId: space, role: 'editor', revoke: true },
    })
    expect(revoke.status).toBe(200)
    expect((await asTarget.fetch(`/api/spaces/${space}`)).status).toBe(403)
  })

  it('an anonymous caller gets 401, not 403', async () => {
    const c = client()
    expect((await c.fetch('/api/spaces')).status).toBe(401)
    expect((await c.fetch('/api/admin/users')).status).toBe(401)
    expect((await c.fetch('/api/auth/me')).status).toBe(401)
  })

  it('global admins create users who can then log in', async () => {
    const { ga } = await actors()
    const email = `made-${crypto.randomUUID().slice(0, 8)}@example.com`
    const res = await ga.fetch('/api/admin/users', { json: { email, password: 'a long enough password' } })
    expect(res.status).toBe(201)
    const again = await ga.fetch('/api/admin/users', { json: { email, password: 'a long enough password' } })
    expect(again.status).toBe(409)
    const login = await client().fetch('/api/auth/login', {
      json: { email, password: 'a long enough password' },
    })
    expect(login.status).toBe(200)
  })
})

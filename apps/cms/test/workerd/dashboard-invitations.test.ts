/**
 * Admin → Invitations in the dashboard (`/admin/invitations`), through the same service as
 * `/api/admin/invitations`: the pending invitations (or a line saying there are none), an invite by email
 * with a space role or — after a confirmation — the global admin role, an address that already has an
 * account granted at once, a refused form that keeps what was typed, and a confirmed revoke.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { followRedirect, submitForm } from './forms'
import { type Client, loggedIn, makeSpace, makeUser, uniqueEmail } from './helpers'

const PAGE = '/admin/invitations'
let admin: Client & { user: { id: string; email: string } }
let spaceId = ''

const pending = async (email: string) =>
  env.DB.prepare('SELECT id, space_id AS spaceId, role FROM invitations WHERE email = ?1')
    .bind(email)
    .first<{ id: string; spaceId: string | null; role: string }>()

beforeAll(async () => {
  admin = await loggedIn({ globalAdmin: true })
  spaceId = await makeSpace('Invited space')
})

describe('the invitations page', () => {
  it('says when nothing is pending, and is linked from the Users page', async () => {
    await env.DB.prepare('DELETE FROM invitations').run()
    const html = await (await admin.fetch(PAGE)).text()
    expect(html).toContain('No pending invitations.')
    expect(await (await admin.fetch('/admin/users')).text()).toContain(`href="${PAGE}"`)
  })

  it('invites an address with a space role and lists it, with the space and when', async () => {
    const email = uniqueEmail('invitee')
    const res = await submitForm(admin, PAGE, { email, grant: `space:editor:${spaceId}` })
    expect(res.headers.get('location')).toBe(`${PAGE}#result`)
    const html = await followRedirect(admin, res)
    expect(html).toContain(`Invited ${email} as editor of Invited space`)
    const row = [...html.matchAll(/<tr id="invitation-[^"]+">([\s\S]*?)<\/tr>/g)].find((m) =>
      m[1]?.includes(email),
    )?.[1]
    expect(row).toContain('editor of Invited space')
    expect(row).toContain('<time datetime=')
    expect(row).toContain(admin.user.email)
    expect(await pending(email)).toMatchObject({ spaceId, role: 'editor' })
  })

  it('says who made each invitation, and the command line for one made there', async () => {
    const email = uniqueEmail('by-cli')
    await env.DB.prepare(
      `INSERT INTO invitations (id, email, space_id, role, invited_by, created_at)
       VALUES ('inv_cli_test', ?1, NULL, 'admin', NULL, ?2)`,
    )
      .bind(email, Date.now())
      .run()
    const html = await (await admin.fetch(PAGE)).text()
    const row = /<tr id="invitation-inv_cli_test">([\s\S]*?)<\/tr>/.exec(html)?.[1]
    expect(row).toContain('the command line')
  })

  it('asks before inviting a global admin, and invites only the confirmed form', async () => {
    const email = uniqueEmail('future-admin')
    const first = await submitForm(admin, PAGE, { email, grant: 'global:admin' })
    expect(first.status).toBe(200)
    expect(await first.text()).toContain(`Invite ${email} as a global admin?`)
    expect(await pending(email)).toBeNull()
    const confirmed = await submitForm(admin, PAGE, { email, grant: 'global:admin', confirmed: 'yes' })
    expect(await followRedirect(admin, confirmed)).toContain(`Invited ${email} as global admin`)
    expect(await pending(email)).toMatchObject({ spaceId: null, role: 'admin' })
  })

  it('grants at once to an address that has an account, and says so', async () => {
    const user = await makeUser({ label: 'existing' })
    const html = await followRedirect(
      admin,
      await submitForm(admin, PAGE, { email: user.email, grant: `space:admin:${spaceId}` }),
    )
    expect(html).toContain(`${user.email} has an account: they are now admin of Invited space.`)
    expect(await pending(user.email)).toBeNull()
  })

  it('keeps what was typed when the form is refused', async () => {
    const res = await submitForm(admin, PAGE, { email: 'not an email', grant: `space:admin:${spaceId}` })
    expect(res.headers.get('location')).toBe(`${PAGE}#form-errors`)
    const html = await followRedirect(admin, res)
    expect(html).toContain('Enter an email address')
    expect(html).toContain('value="not an email"')
    expect(html).toContain(`<option value="space:admin:${spaceId}" selected="">`)
    const noRole = await followRedirect(admin, await submitForm(admin, PAGE, { email: 'a@example.com' }))
    expect(noRole).toContain('Choose a role from the list')
    expect(noRole).toContain('value="a@example.com"')
  })

  it('revokes an invitation after a confirmation page', async () => {
    const email = uniqueEmail('withdrawn')
    await submitForm(admin, PAGE, { email, grant: `space:editor:${spaceId}` })
    const invitation = await pending(email)
    const confirm = await (await admin.fetch(`${PAGE}/${invitation?.id}/revoke`)).text()
    expect(confirm).toContain(`Revoke the invitation of ${email}?`)
    expect(await pending(email)).not.toBeNull()
    const html = await followRedirect(admin, await submitForm(admin, `${PAGE}/${invitation?.id}/revoke`, {}))
    expect(html).toContain(`The invitation of ${email} is revoked.`)
    expect(await pending(email)).toBeNull()
  })

  it('is for global admins only', async () => {
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    expect((await spaceAdmin.fetch(PAGE, { headers: { accept: 'text/html' } })).status).toBe(403)
    const res = await submitForm(spaceAdmin, PAGE, {
      email: uniqueEmail('x'),
      grant: `space:editor:${spaceId}`,
    })
    expect(res.status).toBe(403)
  })
})

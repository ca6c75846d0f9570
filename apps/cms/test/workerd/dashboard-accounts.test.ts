/**
 * Users and spaces in the dashboard: an admin creates a local user (the password shown
 * once), disables and enables a user, signs a user out everywhere, and renames a space — through the same
 * services as the API, each audited once, each destructive step behind a confirmation.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { followRedirect, submitForm } from './forms'
import { type Client, client, loggedIn, makeSpace, makeUser, PASSWORD, uniqueEmail } from './helpers'

async function auditCount(action: string, targetId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?1 AND target_id = ?2')
    .bind(action, targetId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

async function login(email: string, password: string): Promise<{ status: number; c: Client }> {
  const c = client()
  const res = await c.fetch('/api/auth/login', { json: { email, password } })
  return { status: res.status, c }
}

describe('creating a local user from the dashboard', () => {
  it('answers 303, shows the generated password once, and the password signs the user in', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const email = uniqueEmail('created')
    const html = await followRedirect(admin, await submitForm(admin, '/admin/users', { email }))
    const password = /<code class="secret" id="new-password">([^<]+)<\/code>/.exec(html)?.[1]
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(html).toContain('shown only this once')
    const reload = await (await admin.fetch('/admin/users')).text()
    expect(reload).not.toContain(password)
    expect((await login(email, password ?? '')).status).toBe(200)
    const user = await env.DB.prepare('SELECT id FROM users WHERE email = ?1')
      .bind(email)
      .first<{ id: string }>()
    expect(await auditCount('users.create', user?.id ?? '')).toBe(1)
  })

  it('refuses an email in use with a field error, keeps the typed email and creates nothing', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const existing = await makeUser()
    const before = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>()
    const html = await followRedirect(
      admin,
      await submitForm(admin, '/admin/users', { email: existing.email }),
    )
    expect(html).toContain('A user with this email exists')
    expect(html).toContain(`value="${existing.email}"`)
    expect(html).not.toContain('id="new-password"')
    const after = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>()
    expect(after?.n).toBe(before?.n)
  })

  it('audits an API creation once (the service records it, the route adds nothing)', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const res = await admin.fetch('/api/admin/users', {
      json: { email: uniqueEmail('api'), password: PASSWORD },
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect(await auditCount('users.create', id)).toBe(1)
  })

  it('is for global admins only', async () => {
    const spaceId = await makeSpace()
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const res = await submitForm(spaceAdmin, '/admin/users', { email: uniqueEmail('nope') })
    expect(res.status).toBe(403)
  })
})

describe('disabling, enabling and signing out a user', () => {
  it('disables after a confirmation page; the user cannot sign in until enabled again', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await makeUser({ label: 'target' })
    const confirm = await (await admin.fetch(`/admin/users/${user.id}/disable`)).text()
    expect(confirm).toContain(`Disable ${user.email}?`)
    expect(await env.DB.prepare('SELECT status FROM users WHERE id = ?1').bind(user.id).first('status')).toBe(
      'active',
    )
    const html = await followRedirect(
      admin,
      await submitForm(admin, `/admin/users/${user.id}/status`, { status: 'disabled' }),
    )
    expect(html).toContain(`${user.email} is disabled.`)
    expect((await login(user.email, PASSWORD)).status).toBe(401)
    expect(await auditCount('users.status', user.id)).toBe(1)
    await followRedirect(
      admin,
      await submitForm(admin, `/admin/users/${user.id}/status`, { status: 'active' }),
    )
    expect((await login(user.email, PASSWORD)).status).toBe(200)
  })

  it('offers no Disable on the viewer’s own page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const html = await (await admin.fetch(`/admin/users/${admin.user.id}`)).text()
    expect(html).not.toContain(`/admin/users/${admin.user.id}/disable`)
    expect(html).toContain(`/admin/users/${admin.user.id}/sign-out`)
  })

  it('signs a user out of every session, and says how many ended', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await makeUser({ label: 'roaming' })
    const laptop = await login(user.email, PASSWORD)
    const phone = await login(user.email, PASSWORD)
    expect((await laptop.c.fetch('/api/auth/me')).status).toBe(200)
    const html = await followRedirect(
      admin,
      await submitForm(admin, `/admin/users/${user.id}/sessions/revoke`, {}),
    )
    expect(html).toContain('2 sessions ended')
    expect((await laptop.c.fetch('/api/auth/me')).status).toBe(401)
    expect((await phone.c.fetch('/api/auth/me')).status).toBe(401)
    expect(await auditCount('users.sessions_revoke', user.id)).toBe(1)
  })
})

describe('renaming a space from the dashboard', () => {
  it('renames through a form for the space’s admin, audited once, and says so on the list', async () => {
    const spaceId = await makeSpace('Old name')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    expect(await (await admin.fetch('/spaces')).text()).toContain(`/spaces/${spaceId}/rename`)
    const html = await followRedirect(
      admin,
      await submitForm(admin, `/spaces/${spaceId}/rename`, { name: 'New name' }),
    )
    expect(html).toContain('Renamed “Old name” to “New name”.')
    expect(await env.DB.prepare('SELECT name FROM spaces WHERE id = ?1').bind(spaceId).first('name')).toBe(
      'New name',
    )
    expect(await auditCount('spaces.rename', spaceId)).toBe(1)
  })

  it('shows an empty name as a field error and renames nothing', async () => {
    const spaceId = await makeSpace('Kept name')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const html = await followRedirect(
      admin,
      await submitForm(admin, `/spaces/${spaceId}/rename`, { name: '  ' }),
    )
    expect(html).toContain('Enter a name')
    expect(await env.DB.prepare('SELECT name FROM spaces WHERE id = ?1').bind(spaceId).first('name')).toBe(
      'Kept name',
    )
  })

  it('gives an editor neither the link nor the page', async () => {
    const spaceId = await makeSpace('Editors')
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    expect(await (await editor.fetch('/spaces')).text()).not.toContain(`/spaces/${spaceId}/rename`)
    expect(
      (await editor.fetch(`/spaces/${spaceId}/rename`, { headers: { accept: 'text/html' } })).status,
    ).toBe(403)
  })
})

describe('a domain error on a dashboard page', () => {
  it('renders the page of its status (404 for a token that is not there), not a 500', async () => {
    const spaceId = await makeSpace('Missing things')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const missing = `tok_${'A'.repeat(22)}`
    const res = await submitForm(admin, `/spaces/${spaceId}/settings/tokens/${missing}/revoke`, {})
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).not.toContain('Something went wrong')
  })
})

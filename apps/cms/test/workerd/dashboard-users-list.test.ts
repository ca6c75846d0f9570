/**
 * The Users page with a long list, over HTTP: one table row per user (`#user-<id>`), a search over emails
 * (`?q=`), numbered pages of 20, and every POST answering 303 at its result — a failed create at the error
 * summary, a new user at the password, a change to a user on that user's own page, at its notice
 * (`/admin/users/<id>#result`).
 */
import { describe, expect, it } from 'vitest'
import { followRedirect, submitForm } from './forms'
import { loggedIn, makeSpace, makeUser } from './helpers'

function cardIds(html: string): string[] {
  return [...html.matchAll(/<tr id="user-(usr_[^"]+)"/g)].map((m) => m[1] ?? '')
}

describe('the Users list, long', () => {
  it('finds users by part of their email and pages them 20 at a time, each exactly once', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const label = `pager${crypto.randomUUID().slice(0, 6)}`
    const made: string[] = []
    for (let i = 0; i < 23; i++) made.push((await makeUser({ label })).id)
    const first = await (await admin.fetch(`/admin/users?q=${label.toUpperCase()}`)).text()
    expect(cardIds(first)).toHaveLength(20)
    expect(first).toContain(`23 users matching “${label.toUpperCase()}”`)
    expect(first).toContain(`href="/admin/users?q=${label.toUpperCase()}&amp;page=2#users"`)
    const second = await (await admin.fetch(`/admin/users?q=${label}&page=2`)).text()
    expect(cardIds(second)).toHaveLength(3)
    // Ties in creation time are broken by id, so the two pages hold every match exactly once.
    expect([...cardIds(first), ...cardIds(second)].sort()).toEqual([...made].sort())
    // Unsearched, the list is cut into pages too: never every user at once.
    expect(cardIds(await (await admin.fetch('/admin/users')).text()).length).toBeLessThanOrEqual(20)
  })
})

describe('where a Users submit lands', () => {
  it('lands a failed create on the error summary and a new user on the password', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const bad = await submitForm(admin, '/admin/users', { email: 'not an email' })
    expect(bad.headers.get('location')).toBe('/admin/users#form-errors')
    expect(await followRedirect(admin, bad)).toContain('id="form-errors" tabindex="-1"')
    const good = await submitForm(admin, '/admin/users', {
      email: `fresh-${crypto.randomUUID()}@example.com`,
    })
    expect(good.headers.get('location')).toBe('/admin/users#new-user')
    expect(await followRedirect(admin, good)).toContain('id="new-user" tabindex="-1"')
  })

  it('lands a role grant on the user’s page, at its notice, with the role listed', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace('Granted space')
    const user = await makeUser({ label: 'grantee' })
    const res = await submitForm(admin, `/admin/users/${user.id}/roles`, { grant: `space:editor:${spaceId}` })
    expect(res.headers.get('location')).toBe(`/admin/users/${user.id}#result`)
    const html = await followRedirect(admin, res)
    expect(html).toContain('<h1>')
    expect(html.slice(html.indexOf('id="result" tabindex="-1"'))).toContain('Role granted.')
    expect(html).toContain('editor of Granted space')
  })

  it('lands a refused grant on the error summary of the user’s page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await makeUser({ label: 'bad-grant' })
    const res = await submitForm(admin, `/admin/users/${user.id}/roles`, { grant: 'space:owner:nowhere' })
    expect(res.headers.get('location')).toBe(`/admin/users/${user.id}#form-errors`)
    expect(await followRedirect(admin, res)).toContain('Choose a role from the list')
  })

  it('lands a disable on the user’s page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await makeUser({ label: 'disabled' })
    const res = await submitForm(admin, `/admin/users/${user.id}/status`, { status: 'disabled' })
    expect(res.headers.get('location')).toBe(`/admin/users/${user.id}#result`)
    expect(await followRedirect(admin, res)).toContain(`${user.email} is disabled.`)
  })
})

describe('the Users table', () => {
  it('shows one compact row per user: name, email, kind, status, roles and a link to their page', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace('Row space')
    const user = await makeUser({ label: 'rowed', spaces: [{ spaceId, role: 'admin' }] })
    const html = await (await admin.fetch(`/admin/users?q=${user.id}`)).text()
    const row = /<tr id="user-[^"]+">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? ''
    expect(row).toContain(user.email)
    expect(row).toContain('local')
    expect(row).toContain('active')
    expect(row).toContain('admin of Row space')
    expect(row).toContain(`href="/admin/users/${user.id}"`)
    // The role forms live on the user's page, not once per row.
    expect(html).not.toContain('name="grant"')
  })
})

/**
 * The Users page with a long list, over HTTP: a search over emails (`?q=`), numbered
 * pages of 20, and every POST answering 303 at its result — a failed create at the error summary, a new
 * user at the password, a change to a user at that user's card in a list narrowed to them, with the notice
 * inside the card.
 */
import { describe, expect, it } from 'vitest'
import { followRedirect, submitForm } from './forms'
import { loggedIn, makeSpace, makeUser } from './helpers'

function cardIds(html: string): string[] {
  return [...html.matchAll(/<section class="card" id="card-(usr_[^"]+)"/g)].map((m) => m[1] ?? '')
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

  it('lands a role grant on the user’s card, in a list narrowed to them, with the notice inside', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const spaceId = await makeSpace()
    const user = await makeUser({ label: 'grantee' })
    const res = await submitForm(admin, `/admin/users/${user.id}/roles`, { grant: `space:editor:${spaceId}` })
    expect(res.headers.get('location')).toBe(`/admin/users?q=${user.id}#card-${user.id}`)
    const html = await followRedirect(admin, res)
    expect(cardIds(html)).toEqual([user.id])
    const card = html.slice(html.indexOf(`id="card-${user.id}" tabindex="-1"`))
    expect(card).toContain('Role granted.')
  })

  it('lands a disable on the user’s card', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await makeUser({ label: 'disabled' })
    const res = await submitForm(admin, `/admin/users/${user.id}/status`, { status: 'disabled' })
    expect(res.headers.get('location')).toBe(`/admin/users?q=${user.id}#card-${user.id}`)
    expect(await followRedirect(admin, res)).toContain(`${user.email} is disabled.`)
  })
})

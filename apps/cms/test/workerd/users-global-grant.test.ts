/**
 * The Users page keeps the global admin role behind a confirmation: choosing "global admin" in the role
 * picker opens a page that says what it gives, and only its confirmed form grants it.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { submitForm } from './forms'
import { loggedIn, makeUser } from './helpers'

const isAdmin = async (userId: string) =>
  (await env.DB.prepare("SELECT 1 AS y FROM user_roles WHERE user_id = ?1 AND role = 'admin'")
    .bind(userId)
    .first()) !== null

describe('granting the global admin role from the Users page', () => {
  it('asks for a confirmation first, and grants only the confirmed form', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const user = await makeUser()
    const first = await submitForm(admin, `/admin/users/${user.id}/roles`, { grant: 'global:admin' })
    expect(first.status).toBe(200)
    const page = await first.text()
    expect(page).toContain(`Make ${user.email} a global admin?`)
    expect(await isAdmin(user.id)).toBe(false)
    const confirmed = await submitForm(admin, `/admin/users/${user.id}/roles`, {
      grant: 'global:admin',
      confirmed: 'yes',
    })
    expect(confirmed.status).toBe(303)
    expect(await isAdmin(user.id)).toBe(true)
  })
})

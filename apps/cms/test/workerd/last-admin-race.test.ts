/**
 * The last global admin under concurrency: two admins, each removing the other at the same moment (revoke
 * the admin role, disable, delete, or one of each), must leave one active global admin. A check made
 * before the write ("is there another admin?") passes for both requests when they interleave; the rule
 * has to hold in the write itself.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { type Client, loggedIn } from './helpers'

type Removal = (by: Client, userId: string) => Promise<Response>

const removals: Record<string, Removal> = {
  'revokes the admin role of': (by, userId) =>
    by.fetch(`/api/admin/users/${userId}/roles`, { json: { scope: 'global', role: 'admin', revoke: true } }),
  disables: (by, userId) => by.fetch(`/api/admin/users/${userId}/status`, { json: { status: 'disabled' } }),
  deletes: (by, userId) => by.fetch(`/api/admin/users/${userId}`, { method: 'DELETE' }),
}

const activeAdmins = async (): Promise<number> =>
  (
    await env.DB.prepare(
      `SELECT count(*) AS n FROM user_roles r JOIN users u ON u.id = r.user_id
       WHERE r.role = 'admin' AND u.status = 'active'`,
    ).first<{ n: number }>()
  )?.n ?? 0

// The file's D1 is its own: each test starts with no global admin but the two it makes.
beforeEach(async () => {
  await env.DB.prepare('DELETE FROM user_roles').run()
})

describe('two global admins removing each other at once', () => {
  const pairs = Object.keys(removals).flatMap((a) => Object.keys(removals).map((b) => [a, b] as const))

  it.each(pairs)('one %s the other while the other %s them: one admin stays', async (first, second) => {
    const ada = await loggedIn({ label: 'ada', globalAdmin: true })
    const bob = await loggedIn({ label: 'bob', globalAdmin: true })
    const answers = await Promise.all([
      removals[first]?.(ada, bob.user.id),
      removals[second]?.(bob, ada.user.id),
    ])
    expect(await activeAdmins()).toBe(1)
    const statuses = answers.map((res) => res?.status).sort()
    // One removal went through; the other met the rule (409), or ran after its own caller was removed:
    // signed out (401) or no longer an admin (403).
    expect(statuses[0], JSON.stringify(statuses)).toBeLessThan(300)
    expect([401, 403, 409]).toContain(statuses[1])
  })
})

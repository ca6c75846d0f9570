/**
 * A sign-in racing a disable: the sign-in checked the password (or the IdP token) while the user was
 * active, the disable then ended every session the user had, and only then does the sign-in write its
 * session row. That row must not be written: else it is a session the disable never saw, and it comes
 * back to life when the user is enabled again ("disable ends sessions for good").
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { InvalidCredentials } from '../../src/domain/errors'
import { openSession } from '../../src/features/sessions/service'
import { setUserStatus } from '../../src/features/users/store'
import { makeUser } from './helpers'
import { serviceScope } from './service-scope'

const liveSessions = async (userId: string): Promise<number> =>
  (
    await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?1 AND revoked_at IS NULL')
      .bind(userId)
      .first<{ n: number }>()
  )?.n ?? 0

describe('a session opened after the disable it raced', () => {
  it.each(['password', 'oidc'] as const)(
    'is refused (%s), so enabling the user again revives nothing',
    async (method) => {
      const user = await makeUser({ label: 'raced' })
      // The sign-in's own check passed before this; the disable lands between it and the session write.
      expect(await setUserStatus(env.DB, user.id, 'disabled', Date.now())).toBe('changed')
      await expect(openSession(serviceScope(), user.id, method)).rejects.toBeInstanceOf(InvalidCredentials)
      expect(await setUserStatus(env.DB, user.id, 'active', Date.now())).toBe('changed')
      expect(await liveSessions(user.id)).toBe(0)
    },
  )

  it('still opens a session for an active user', async () => {
    const user = await makeUser({ label: 'active' })
    const { session } = await openSession(serviceScope(), user.id, 'password')
    expect(session.userId).toBe(user.id)
    expect(await liveSessions(user.id)).toBe(1)
  })
})

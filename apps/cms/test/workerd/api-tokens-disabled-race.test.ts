/**
 * A token write racing its creator's disable: the request was authenticated while the user was active,
 * the disable then revoked every management token acting for them, and only then does the request write
 * its token. That token must not be written: the disable never saw it, and it would work again the moment
 * the user is enabled ("disable ends management tokens for good").
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { UserCaller } from '../../src/domain/caller'
import { CallerEnded } from '../../src/domain/errors'
import { createApiToken } from '../../src/features/api-tokens/service'
import { rollApiToken } from '../../src/features/api-tokens/service-roll'
import { setUserStatus } from '../../src/features/users/store'
import { makeSpace, makeUser } from './helpers'
import { serviceScope } from './service-scope'

/** A space admin, as `authorize` saw them before the disable. */
async function spaceAdmin(): Promise<{ caller: UserCaller; spaceId: string }> {
  const spaceId = await makeSpace('Raced')
  const user = await makeUser({ label: 'raced', spaces: [{ spaceId, role: 'admin' }] })
  const roles = { global: [], spaces: [{ spaceId, role: 'admin' as const }] }
  return {
    spaceId,
    caller: { userId: user.id, via: 'session', sid: undefined, authenticatedAt: Date.now(), roles },
  }
}

const tokensOf = async (spaceId: string) =>
  (
    await env.DB.prepare(
      'SELECT name, replaced_by AS replacedBy, expires_at AS expiresAt FROM api_tokens WHERE space_id = ?1',
    )
      .bind(spaceId)
      .all<{ name: string; replacedBy: string | null; expiresAt: number | null }>()
  ).results

describe('a management token written after the disable it raced', () => {
  it('is not created', async () => {
    const { caller, spaceId } = await spaceAdmin()
    expect(await setUserStatus(env.DB, caller.userId, 'disabled', Date.now())).toBe('changed')
    const create = createApiToken(serviceScope(), caller, spaceId, { name: 'Raced', scope: 'management' })
    await expect(create).rejects.toBeInstanceOf(CallerEnded)
    expect(await setUserStatus(env.DB, caller.userId, 'active', Date.now())).toBe('changed')
    expect(await tokensOf(spaceId)).toEqual([])
  })

  it('is not rolled: the old token is left as it was and no new one is written', async () => {
    const { caller, spaceId } = await spaceAdmin()
    const { summary } = await createApiToken(serviceScope(), caller, spaceId, {
      name: 'Kept',
      scope: 'delivery',
    })
    expect(await setUserStatus(env.DB, caller.userId, 'disabled', Date.now())).toBe('changed')
    const roll = rollApiToken(serviceScope(), caller, spaceId, summary.id, { overlapSeconds: 60 })
    await expect(roll).rejects.toBeInstanceOf(CallerEnded)
    expect(await tokensOf(spaceId)).toEqual([{ name: 'Kept', replacedBy: null, expiresAt: null }])
  })
})

/**
 * The scheduled run prunes expired dashboard flashes (one-time form results, which may hold a sealed newly
 * created or revealed API token): a flash a user never came back for is otherwise deleted only when someone
 * makes the next one. The run deletes a bounded batch, leaves unexpired flashes alone, and audits the count.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { FLASH_PRUNE_BATCH } from '../../src/features/dashboard/service'
import { MINUTE, runCron, T } from './scheduled-helpers'

async function seedFlashes(count: number, expiresAt: number, prefix: string): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) =>
    env.DB.prepare(
      `INSERT INTO dashboard_flashes (id, owner_id, path, payload_sealed, expires_at)
       VALUES (?1, 'ses_owner', '/spaces', 'v1.sealed', ?2)`,
    ).bind(`${prefix}-${i}`, expiresAt),
  )
  for (let i = 0; i < rows.length; i += 100) await env.DB.batch(rows.slice(i, i + 100))
}

async function flashIds(): Promise<string[]> {
  const res = await env.DB.prepare('SELECT id FROM dashboard_flashes ORDER BY id').all<{ id: string }>()
  return res.results.map((r) => r.id)
}

async function pruneCounts(): Promise<string[]> {
  const res = await env.DB.prepare(
    "SELECT target_id FROM audit_log WHERE action = 'flashes.prune' AND actor_type = 'system' ORDER BY id",
  ).all<{ target_id: string }>()
  return res.results.map((r) => r.target_id)
}

describe('pruning dashboard flashes', () => {
  it('deletes expired flashes, a bounded batch a run, keeps live ones, and audits the count', async () => {
    await seedFlashes(FLASH_PRUNE_BATCH + 3, T - MINUTE, 'old')
    await seedFlashes(2, T + MINUTE, 'live')
    await runCron(T)
    expect(await flashIds()).toHaveLength(3 + 2)
    await runCron(T)
    expect(await flashIds()).toEqual(['live-0', 'live-1'])
    expect(await pruneCounts()).toEqual([String(FLASH_PRUNE_BATCH), '3'])
  })
})

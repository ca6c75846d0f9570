/**
 * The scheduled job when things go wrong, in real workerd through the Worker's own `scheduled` handler: a
 * step that fails is logged by class name and audited as a failure while the other steps still run and the
 * run reports failure; an invalid env makes the run log that it skipped and change nothing.
 */
import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeUser } from './helpers'
import {
  auditEntries,
  DAY,
  HOUR,
  runCron,
  seedSession,
  seedThrottle,
  sessionIds,
  snapshots,
  T,
  throttleKeys,
} from './scheduled-helpers'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a failing step', () => {
  it('is audited as a failure while the other steps still run, and the run then reports failure', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    )
    const user = await makeUser({ label: 'cron-failing' })
    const dead = await seedSession(user.id, { expiresAt: T - 3 * DAY })
    const auditCount = (await auditEntries()).length
    // The throttle step's table is missing for this run only.
    await env.DB.prepare('ALTER TABLE login_throttle RENAME TO login_throttle_away').run()
    try {
      await expect(runCron(T + 3 * HOUR)).rejects.toThrow('scheduled run: 1 step(s) failed')
    } finally {
      await env.DB.prepare('ALTER TABLE login_throttle_away RENAME TO login_throttle').run()
    }
    expect(await sessionIds()).not.toContain(dead)
    expect((await snapshots()).at(-1)?.taken_at).toBe(T + 3 * HOUR)
    const entries = (await auditEntries()).slice(auditCount)
    expect(
      entries.map((e) => [e.actor_type, e.action, e.outcome, e.reason, e.target_type, e.target_id]),
    ).toEqual([
      ['system', 'sessions.prune', 'success', null, 'count', '1'],
      ['system', 'login_throttle.prune', 'failure', 'internal_error', null, null],
      ['system', 'flashes.prune', 'success', null, 'count', '0'],
      [
        'system',
        'keys.snapshot',
        'success',
        null,
        'key_status_snapshot',
        String((await snapshots()).at(-1)?.id),
      ],
      ['system', 'audit.archive', 'success', null, 'count', '0'],
    ])
    expect(logged.map((l) => JSON.parse(l))).toEqual([
      { level: 'error', event: 'scheduled_step_failed', step: 'login_throttle.prune', error: 'Error' },
    ])
  })
})

describe('an invalid env', () => {
  it('logs that it skipped, without any value, and changes nothing', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    )
    const user = await makeUser({ label: 'cron-invalid' })
    const dead = await seedSession(user.id, { expiresAt: T - 3 * DAY })
    const settled = await seedThrottle({ account: 'z@x.test', source: '192.0.2.9', windowStartedAt: T - DAY })
    const audit = (await auditEntries()).length
    const snaps = (await snapshots()).length
    const badKey = 'not-a-hex-key'
    await runCron(T + 3 * HOUR, { ...env, TOKEN_ENCRYPTION_KEY: badKey } as Env)
    expect(await sessionIds()).toContain(dead)
    expect(await throttleKeys()).toContain(settled)
    expect((await auditEntries()).length).toBe(audit)
    expect((await snapshots()).length).toBe(snaps)
    expect(logged.filter((l) => l.includes('scheduled_skipped'))).toHaveLength(1)
    expect(logged.join('\n')).not.toContain(badKey)
    expect(logged.join('\n')).not.toContain(env.AUTH_JWT_SECRET)
  })
})

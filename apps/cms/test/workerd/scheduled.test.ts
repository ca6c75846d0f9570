/**
 * The cron-triggered maintenance job in real workerd on real D1, through the Worker's own `scheduled`
 * handler: which sessions and login-throttle rows go and which stay, the key-status snapshot and its
 * bound, the audit entries by `system`, and a second run changing nothing more (a failing step and an
 * invalid env: `scheduled-failures.test.ts`). Every time is relative to a fixed scheduled time, never the
 * wall clock.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { KEY_OBSERVATIONS_KEPT_MS, KEY_STATUS_SNAPSHOTS_KEPT } from '../../src/features/key-rotation/snapshot'
import { makeSpace, makeUser } from './helpers'
import { KEY_A, KEY_B, KEY_C, keyEnv, keyringOf, seedValues } from './key-rotation-helpers'
import {
  auditEntries,
  DAY,
  HOUR,
  MINUTE,
  runCron,
  seedSession,
  seedThrottle,
  sessionIds,
  snapshotKids,
  snapshots,
  T,
  throttleKeys,
} from './scheduled-helpers'

describe('the scheduled maintenance run', () => {
  const keep: { sessions: string[]; throttle: string[] } = { sessions: [], throttle: [] }
  const gone: { sessions: string[]; throttle: string[] } = { sessions: [], throttle: [] }
  let auditBefore: number
  let kidA: string
  let kidC: string

  beforeAll(async () => {
    const user = await makeUser({ label: 'cron' })
    // Sessions: live, recently ended (kept a day) and long dead (gone), by expiry and by revocation.
    keep.sessions.push(await seedSession(user.id, { expiresAt: T + HOUR }))
    keep.sessions.push(await seedSession(user.id, { expiresAt: T - HOUR }))
    keep.sessions.push(await seedSession(user.id, { expiresAt: T + HOUR, revokedAt: T - HOUR }))
    keep.sessions.push(await seedSession(user.id, { expiresAt: T - DAY + MINUTE }))
    gone.sessions.push(await seedSession(user.id, { expiresAt: T - 2 * DAY }))
    gone.sessions.push(await seedSession(user.id, { expiresAt: T - DAY }))
    gone.sessions.push(await seedSession(user.id, { expiresAt: T + HOUR, revokedAt: T - 2 * DAY }))

    // Throttle rows: a current window, a lock in force and an address with a recent success stay; a
    // finished window, an ended lock, an old success and a settled account-wide row go.
    keep.throttle.push(
      await seedThrottle({ account: 'a@x.test', source: '192.0.2.1', windowStartedAt: T - 5 * MINUTE }),
    )
    keep.throttle.push(
      await seedThrottle({
        account: 'b@x.test',
        source: '192.0.2.2',
        windowStartedAt: T - HOUR,
        lockedUntil: T + MINUTE,
      }),
    )
    keep.throttle.push(
      await seedThrottle({
        account: 'c@x.test',
        source: '192.0.2.3',
        windowStartedAt: T - 2 * DAY,
        lastSuccessAt: T - 2 * DAY,
      }),
    )
    keep.throttle.push(
      await seedThrottle({ account: 'd@x.test', source: '*', windowStartedAt: T - 10 * MINUTE }),
    )
    gone.throttle.push(
      await seedThrottle({ account: 'e@x.test', source: '192.0.2.5', windowStartedAt: T - HOUR }),
    )
    gone.throttle.push(
      await seedThrottle({
        account: 'f@x.test',
        source: '192.0.2.6',
        windowStartedAt: T - HOUR,
        lockedUntil: T - MINUTE,
      }),
    )
    gone.throttle.push(
      await seedThrottle({
        account: 'g@x.test',
        source: '192.0.2.7',
        windowStartedAt: T - 40 * DAY,
        lastSuccessAt: T - 40 * DAY,
      }),
    )
    gone.throttle.push(
      await seedThrottle({ account: 'h@x.test', source: '*', windowStartedAt: T - 15 * MINUTE }),
    )

    // Sealed values: 5 under the configured key A (one then overwritten with junk), 2 under a key nobody has.
    const spaceId = await makeSpace('cron')
    const underA = await seedValues(await keyringOf(KEY_A), spaceId, 5)
    await seedValues(await keyringOf(KEY_C), spaceId, 2)
    const junk = underA[0]
    if (!junk) throw new Error('nothing seeded')
    await env.DB.prepare(
      `UPDATE ${junk.col.table} SET ${junk.col.column} = 'not-a-sealed-value' WHERE id = ?1`,
    )
      .bind(junk.id)
      .run()
    kidA = (await keyringOf(KEY_A)).primaryKid
    kidC = (await keyringOf(KEY_C)).primaryKid

    auditBefore = (await auditEntries()).length
    await runCron(T)
  })

  it('deletes the sessions dead for a day or more and keeps the live and recently ended ones', async () => {
    const left = await sessionIds()
    expect(left).toEqual(expect.arrayContaining(keep.sessions))
    for (const sid of gone.sessions) expect(left).not.toContain(sid)
    expect(left).toHaveLength(keep.sessions.length)
  })

  it('deletes the settled login-throttle rows and keeps those that still decide a login', async () => {
    expect(await throttleKeys()).toEqual([...keep.throttle].sort())
  })

  it('stores a key-status snapshot with the counts per kid, and no key material', async () => {
    const [snapshot, ...more] = await snapshots()
    expect(more).toEqual([])
    expect(snapshot).toMatchObject({
      taken_at: T,
      primary_kid: kidA,
      previous_kids: '',
      total: 7,
      on_primary: 4,
      on_previous: 0,
      unknown_kid: 2,
      malformed: 1,
      next_step: 'rotate_when_needed',
    })
    expect(await snapshotKids(snapshot?.id ?? -1)).toEqual({
      [kidA]: { role: 'primary', n: 4 },
      [kidC]: { role: 'unknown', n: 2 },
    })
    const stored = JSON.stringify(await env.DB.prepare('SELECT * FROM key_status_snapshots').all())
    expect(stored).not.toContain(KEY_A)
    expect(stored).not.toContain('v1.')
  })

  it('audits every step as the system actor, from no address, with counts and ids only', async () => {
    const entries = (await auditEntries()).slice(auditBefore)
    const snapshot = (await snapshots())[0]
    expect(
      entries.map((e) => ({
        actor: [e.actor_type, e.actor_id, e.client_ip],
        action: e.action,
        outcome: e.outcome,
        target: [e.target_type, e.target_id],
        at: e.at,
      })),
    ).toEqual([
      {
        actor: ['system', null, null],
        action: 'sessions.prune',
        outcome: 'success',
        target: ['count', '3'],
        at: T,
      },
      {
        actor: ['system', null, null],
        action: 'login_throttle.prune',
        outcome: 'success',
        target: ['count', '4'],
        at: T,
      },
      {
        actor: ['system', null, null],
        action: 'flashes.prune',
        outcome: 'success',
        target: ['count', '0'],
        at: T,
      },
      {
        actor: ['system', null, null],
        action: 'keys.snapshot',
        outcome: 'success',
        target: ['key_status_snapshot', String(snapshot?.id)],
        at: T,
      },
      {
        actor: ['system', null, null],
        action: 'audit.archive',
        outcome: 'success',
        target: ['count', '0'],
        at: T,
      },
    ])
  })

  it('changes nothing more when it runs again, and records the same counts', async () => {
    const sessionsBefore = await sessionIds()
    const throttleBefore = await throttleKeys()
    const auditCount = (await auditEntries()).length
    await runCron(T)
    expect(await sessionIds()).toEqual(sessionsBefore)
    expect(await throttleKeys()).toEqual(throttleBefore)
    const [first, second] = await snapshots()
    const { id: _a, ...firstCounts } = first ?? { id: 0 }
    const { id: _b, ...secondCounts } = second ?? { id: 0 }
    expect(secondCounts).toEqual(firstCounts)
    expect(await snapshotKids(second?.id ?? -1)).toEqual(await snapshotKids(first?.id ?? -1))
    const again = (await auditEntries()).slice(auditCount)
    expect(again.map((e) => [e.actor_type, e.action, e.target_type, e.target_id])).toEqual([
      ['system', 'sessions.prune', 'count', '0'],
      ['system', 'login_throttle.prune', 'count', '0'],
      ['system', 'flashes.prune', 'count', '0'],
      ['system', 'keys.snapshot', 'key_status_snapshot', String(second?.id)],
      ['system', 'audit.archive', 'count', '0'],
    ])
  })

  it('names each kid by its role during a rotation: the new primary, the previous, the unknown', async () => {
    await runCron(T + HOUR, { ...env, ...keyEnv('rotating') } as Env)
    const latest = (await snapshots()).at(-1)
    const kidB = (await keyringOf(KEY_B)).primaryKid
    expect(latest).toMatchObject({
      primary_kid: kidB,
      previous_kids: kidA,
      on_primary: 0,
      on_previous: 4,
      next_step: 'rewrap',
    })
    expect(await snapshotKids(latest?.id ?? -1)).toEqual({
      [kidB]: { role: 'primary', n: 0 },
      [kidA]: { role: 'previous', n: 4 },
      [kidC]: { role: 'unknown', n: 2 },
    })
  })

  it(`keeps only the newest ${KEY_STATUS_SNAPSHOTS_KEPT} snapshots, with their per-kid rows`, async () => {
    // Fill the history past the bound with old snapshots (each with one kid row).
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       INSERT INTO key_status_snapshots
         (taken_at, primary_kid, previous_kids, total, on_primary, on_previous, unknown_kid, malformed, next_step)
       SELECT ?2 + i, 'old', '', 0, 0, 0, 0, 0, 'rotate_when_needed' FROM n`,
    )
      .bind(KEY_STATUS_SNAPSHOTS_KEPT, T - 90 * DAY)
      .run()
    await env.DB.prepare(
      `INSERT INTO key_status_snapshot_kids (snapshot_id, kid, role, n)
       SELECT id, 'old', 'primary', 0 FROM key_status_snapshots WHERE primary_kid = 'old'`,
    ).run()
    const before = await snapshots()
    await runCron(T + 2 * HOUR)
    const after = await snapshots()
    expect(after).toHaveLength(KEY_STATUS_SNAPSHOTS_KEPT)
    expect(after.at(-1)?.taken_at).toBe(T + 2 * HOUR)
    // The oldest ones went, first to last: what is left is the newest tail of what there was.
    expect(after.slice(0, -1).map((s) => s.id)).toEqual(
      before.slice(-(KEY_STATUS_SNAPSHOTS_KEPT - 1)).map((s) => s.id),
    )
    const orphans = await env.DB.prepare(
      'SELECT count(*) AS n FROM key_status_snapshot_kids WHERE snapshot_id NOT IN (SELECT id FROM key_status_snapshots)',
    ).first<{ n: number }>()
    expect(orphans?.n).toBe(0)
  })

  it('drops status observations older than 30 days and keeps the newer ones', async () => {
    const at = T + 3 * HOUR
    const insert = env.DB.prepare(
      "INSERT INTO key_status_observations (at, keyring, on_previous) VALUES (?1, 'old-ring', 0) RETURNING id",
    )
    const old = await insert.bind(at - KEY_OBSERVATIONS_KEPT_MS - MINUTE).first<{ id: number }>()
    const recent = await insert.bind(at - KEY_OBSERVATIONS_KEPT_MS + MINUTE).first<{ id: number }>()
    await runCron(at)
    const left = await env.DB.prepare(
      "SELECT id FROM key_status_observations WHERE keyring = 'old-ring'",
    ).all<{
      id: number
    }>()
    expect(left.results.map((r) => r.id)).toEqual([recent?.id])
    expect(old?.id).toBeDefined()
  })
})

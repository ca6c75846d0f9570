/**
 * Audit retention through the Worker's own `scheduled` handler, in real workerd with a local D1 and R2:
 * entries past the retention age move to gzipped NDJSON objects per UTC day, holding exactly the D1
 * columns; a run moves a bounded number; a run that dies between the R2 write and the D1 delete is
 * repeated by the next one without losing or duplicating an entry; a DELETE the archive does not cover is
 * still refused by the database.
 */
import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { decodeArchive } from '../../src/features/audit-log/archive-codec'
import type { AuditRow } from '../../src/features/audit-log/store'
import { DAY, runCron } from './scheduled-helpers'

const RETENTION_DAYS = 400

afterEach(() => {
  vi.restoreAllMocks()
})

/** Inserts `count` entries on the UTC day starting at `dayStart`, one second apart, in two spaces. */
async function seedDay(dayStart: number, count: number, tag: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO audit_log (at, actor_type, actor_id, action, outcome, reason, space_id, target_type, target_id, client_ip)
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
     SELECT ?1 + i * 1000, 'user', 'usr_' || ?3, 'tokens.reveal', 'success', NULL,
            CASE i % 2 WHEN 0 THEN 'spc_even_' || ?3 ELSE 'spc_odd_' || ?3 END, 'api_token', 'tok_' || i, '203.0.113.7'
     FROM n`,
  )
    .bind(dayStart, count, tag)
    .run()
}

async function d1Rows(tag: string): Promise<AuditRow[]> {
  return (
    await env.DB.prepare("SELECT * FROM audit_log WHERE actor_id = 'usr_' || ?1 ORDER BY id")
      .bind(tag)
      .all<AuditRow>()
  ).results
}

async function archived(day: string): Promise<{ keys: string[]; rows: AuditRow[] }> {
  const listed = await env.AUDIT_ARCHIVE.list({ prefix: `audit/v1/${day}/` })
  const rows: AuditRow[] = []
  for (const object of listed.objects) {
    const body = await env.AUDIT_ARCHIVE.get(object.key)
    rows.push(...(await decodeArchive(new Uint8Array((await body?.arrayBuffer()) ?? new ArrayBuffer(0)))))
  }
  return { keys: listed.objects.map((o) => o.key), rows }
}

/** A run time that makes `dayStart`'s day (and only days before the next one) due. */
const dueAt = (dayStart: number) => dayStart + (RETENTION_DAYS + 1) * DAY + 60_000

describe('archiving old audit entries', () => {
  it('moves a past-retention day to R2 holding exactly its D1 rows and columns, and keeps newer days', async () => {
    const day = Date.UTC(2024, 0, 10)
    await seedDay(day, 5, 'exact')
    // Inside the retention age at the run's time: stays in D1.
    await seedDay(dueAt(day) - 10 * DAY, 3, 'exact_next')
    const before = await d1Rows('exact')
    await runCron(dueAt(day))
    expect(await d1Rows('exact')).toEqual([])
    expect(await d1Rows('exact_next')).toHaveLength(3)
    const { rows } = await archived('2024-01-10')
    expect(rows).toEqual(before)
    const columns = (await env.DB.prepare('PRAGMA table_info(audit_log)').all<{ name: string }>()).results
    for (const row of rows) expect(Object.keys(row)).toEqual(columns.map((c) => c.name))
  })

  it('moves at most ten parts of a thousand entries per run, and the next run continues', async () => {
    const day = Date.UTC(2024, 1, 10)
    await seedDay(day, 10_500, 'bounded')
    await runCron(dueAt(day))
    expect(await d1Rows('bounded')).toHaveLength(500)
    await runCron(dueAt(day) + 60 * 60_000)
    expect(await d1Rows('bounded')).toEqual([])
    const { keys, rows } = await archived('2024-02-10')
    expect(keys).toHaveLength(11)
    expect(new Set(rows.map((r) => r.id)).size).toBe(10_500)
  })

  it('loses and duplicates nothing when the delete fails after the R2 write, and the next run finishes it', async () => {
    const day = Date.UTC(2024, 2, 10)
    await seedDay(day, 1_500, 'crash')
    const seeded = await d1Rows('crash')
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // The D1 transaction after the R2 write fails, as when the isolate dies between the two.
    await env.DB.prepare(
      "CREATE TRIGGER crash_before_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'crash'); END",
    ).run()
    try {
      await expect(runCron(dueAt(day))).rejects.toThrow('scheduled run: 1 step(s) failed')
    } finally {
      await env.DB.prepare('DROP TRIGGER crash_before_delete').run()
    }
    expect(await d1Rows('crash')).toEqual(seeded)
    const written = await archived('2024-03-10')
    expect(written.rows).toEqual(seeded.slice(0, 1000))
    const parts = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit_archive_parts WHERE day = '2024-03-10'",
    ).first<{ n: number }>()
    expect(parts?.n).toBe(0)

    await runCron(dueAt(day) + 60 * 60_000)
    expect(await d1Rows('crash')).toEqual([])
    const { keys, rows } = await archived('2024-03-10')
    expect(keys).toHaveLength(2)
    expect(keys).toContain(written.keys[0])
    expect([...rows].sort((a, b) => a.id - b.id)).toEqual(seeded)
  })

  it('leaves every other DELETE refused by the database', async () => {
    const day = Date.UTC(2024, 3, 10)
    await seedDay(day, 2, 'refused')
    const [row] = await d1Rows('refused')
    await expect(env.DB.prepare('DELETE FROM audit_log WHERE id = ?1').bind(row?.id).run()).rejects.toThrow(
      /insert-only/,
    )
    await runCron(dueAt(day))
    await seedDay(day, 1, 'refused_late')
    const [late] = await d1Rows('refused_late')
    // A late entry of an archived day lies outside every recorded part: still refused, archived next run.
    await expect(env.DB.prepare('DELETE FROM audit_log WHERE id = ?1').bind(late?.id).run()).rejects.toThrow(
      /insert-only/,
    )
  })
})

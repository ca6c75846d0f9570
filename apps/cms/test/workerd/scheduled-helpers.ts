/**
 * Helpers for the scheduled-job tests: invoking the Worker's own `scheduled` handler at a given time, and
 * seeding and reading the rows the job prunes and writes, straight through D1.
 */
import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { newId } from '../../src/domain/ids'
import type { AuditRow } from '../../src/features/audit-log/store'
import worker from '../../src/index'

/** The run's scheduled time: fixed, so no assertion depends on when the suite runs. */
export const T: number = Date.UTC(2026, 0, 15, 12, 0, 0)
export const MINUTE: number = 60 * 1000
export const HOUR: number = 60 * MINUTE
export const DAY: number = 24 * HOUR

export async function runCron(scheduledTime: number, runEnv: Env = env): Promise<void> {
  const controller = createScheduledController({ scheduledTime, cron: '17 * * * *' })
  const ctx = createExecutionContext()
  await worker.scheduled(controller, runEnv, ctx)
  await waitOnExecutionContext(ctx)
}

export async function seedSession(
  userId: string,
  times: { expiresAt: number; revokedAt?: number },
): Promise<string> {
  const sid = newId('ses')
  await env.DB.prepare(
    `INSERT INTO sessions (id, user_id, auth_method, created_at, authenticated_at, expires_at, revoked_at)
     VALUES (?1, ?2, 'password', ?3, ?3, ?4, ?5)`,
  )
    .bind(sid, userId, times.expiresAt - 8 * HOUR, times.expiresAt, times.revokedAt ?? null)
    .run()
  return sid
}

export async function sessionIds(): Promise<string[]> {
  const res = await env.DB.prepare('SELECT id FROM sessions ORDER BY id').all<{ id: string }>()
  return res.results.map((r) => r.id)
}

export interface ThrottleSeed {
  account: string
  source: string
  windowStartedAt: number
  lockedUntil?: number
  lastSuccessAt?: number
}

export async function seedThrottle(row: ThrottleSeed): Promise<string> {
  await env.DB.prepare(
    `INSERT INTO login_throttle (account, source, attempts, window_started_at, locked_until, last_success_at)
     VALUES (?1, ?2, 3, ?3, ?4, ?5)`,
  )
    .bind(row.account, row.source, row.windowStartedAt, row.lockedUntil ?? null, row.lastSuccessAt ?? null)
    .run()
  return `${row.account} ${row.source}`
}

export async function throttleKeys(): Promise<string[]> {
  const res = await env.DB.prepare(
    "SELECT account || ' ' || source AS k FROM login_throttle ORDER BY k",
  ).all<{ k: string }>()
  return res.results.map((r) => r.k)
}

export async function auditEntries(): Promise<AuditRow[]> {
  return (await env.DB.prepare('SELECT * FROM audit_log ORDER BY id').all<AuditRow>()).results
}

export interface SnapshotRow {
  id: number
  taken_at: number
  primary_kid: string
  previous_kids: string
  total: number
  on_primary: number
  on_previous: number
  unknown_kid: number
  malformed: number
  next_step: string
}

export async function snapshots(): Promise<SnapshotRow[]> {
  return (await env.DB.prepare('SELECT * FROM key_status_snapshots ORDER BY id').all<SnapshotRow>()).results
}

export async function snapshotKids(snapshotId: number): Promise<Record<string, { role: string; n: number }>> {
  const res = await env.DB.prepare('SELECT kid, role, n FROM key_status_snapshot_kids WHERE snapshot_id = ?1')
    .bind(snapshotId)
    .all<{ kid: string; role: string; n: number }>()
  return Object.fromEntries(res.results.map((r) => [r.kid, { role: r.role, n: r.n }]))
}

/**
 * The cron-triggered maintenance run (`triggers.crons` in wrangler.jsonc): prunes dead sessions, settled
 * login-throttle rows and expired dashboard flashes, stores a key-status snapshot and moves audit entries
 * past their retention age to the R2 archive, through the same services the HTTP side uses and a
 * scope built without a request. Each step is audited as the `system` actor with counts or ids only. A
 * step that fails is logged by error class name and audited as a failure; the others still run, and the
 * run then throws (a fixed message) so the trigger shows as failed. An invalid env, as on the HTTP side,
 * makes the run log one line and touch nothing.
 */
import { loadEnv } from '../config/load-config'
import type { Scope } from '../domain/scope'
import { archiveAuditLog } from '../features/audit-log/service'
import { pruneFlashes } from '../features/dashboard/service'
import { snapshotKeyStatus } from '../features/key-rotation/snapshot'
import { pruneLoginThrottle, pruneSessions } from '../features/sessions/retention'
import { createJobScope } from './job-scope'

/** What a step leaves in its audit entry: a count of rows, or the id of what it wrote. */
interface StepTarget {
  type: 'count' | 'key_status_snapshot'
  id: string
}

/** One step of the run, named by the audit action it records. */
interface Step {
  action: string
  run(scope: Scope): Promise<StepTarget>
}

const count = (n: number): StepTarget => ({ type: 'count', id: String(n) })

/** Every step, in order; independent of each other. */
const STEPS: readonly Step[] = [
  { action: 'sessions.prune', run: async (scope) => count(await pruneSessions(scope)) },
  { action: 'login_throttle.prune', run: async (scope) => count(await pruneLoginThrottle(scope)) },
  { action: 'flashes.prune', run: async (scope) => count(await pruneFlashes(scope)) },
  {
    action: 'keys.snapshot',
    run: async (scope) => ({
      type: 'key_status_snapshot',
      id: String((await snapshotKeyStatus(scope)).snapshotId),
    }),
  },
  // Last: its entry for this run is written after the archive moved what was due, never archived by it.
  { action: 'audit.archive', run: async (scope) => count(await archiveAuditLog(scope)) },
]

function logError(event: string, fields: Record<string, string>): void {
  console.error(JSON.stringify({ level: 'error', event, ...fields }))
}

async function runStep(scope: Scope, step: Step): Promise<boolean> {
  try {
    const target = await step.run(scope)
    await scope.audit.record({
      action: step.action,
      outcome: 'success',
      targetType: target.type,
      targetId: target.id,
    })
    return true
  } catch (err) {
    logError('scheduled_step_failed', {
      step: step.action,
      error: err instanceof Error ? err.name : 'unknown',
    })
    // Best effort: when the database is what failed, this write fails too (and the recorder logs it).
    await scope.audit
      .record({ action: step.action, outcome: 'failure', reason: 'internal_error' })
      .catch(() => {})
    return false
  }
}

/**
 * Runs every maintenance step as of `scheduledTime`.
 * @example async function scheduled(controller: ScheduledController, env: Env) { await runScheduled(env, controller) }
 */
export async function runScheduled(env: Env, controller: { scheduledTime: number }): Promise<void> {
  const loaded = loadEnv(env)
  if (!loaded.ok) {
    // The problems themselves are logged once per isolate by `loadEnv`, by variable name only.
    logError('scheduled_skipped', { reason: 'invalid_env' })
    return
  }
  // One clock for the whole run: every step decides as of the time the run was scheduled for.
  const scope = createJobScope(env, loaded.config, { now: () => controller.scheduledTime })
  let failed = 0
  for (const step of STEPS) {
    if (!(await runStep(scope, step))) failed++
  }
  if (failed > 0) throw new Error(`scheduled run: ${failed} step(s) failed`)
}

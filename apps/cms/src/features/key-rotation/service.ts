/**
 * One bounded batch of a rewrap or reseal pass, shared by `/api/admin/keys/*` and the dashboard's
 * Encryption keys page: without `run` it starts a new pass, with `run` it continues that pass from its
 * stored cursor (resumable; a repeated call never redoes finished work). A run started under another
 * primary key is refused. Every batch is audited with counts only. Callers passed `authorize('keys.*')`.
 */
import type { Context } from 'hono'
import { getKeyring } from '../../crypto/keyring'
import { type AppEnv, nowMs, type UserCaller } from '../../http/app-env'
import { HttpProblem } from '../../http/problem'
import { recordAudit } from '../audit-log/record'
import { type BatchReport, runBatch } from './run-batch'
import { createRun, findRun } from './runs-store'

/**
 * Runs one batch and audits it.
 * @example const report = await runKeyBatch(c, caller, 'rewrap', { limit: 100 })
 */
export async function runKeyBatch(
  c: Context<AppEnv>,
  caller: UserCaller,
  kind: 'rewrap' | 'reseal',
  input: { run?: number | undefined; limit: number },
): Promise<BatchReport> {
  const keyring = await getKeyring(c.var.config)
  const now = nowMs(c)
  const run =
    input.run === undefined
      ? await createRun(c.env.DB, { kind, primaryKid: keyring.primaryKid, startedBy: caller.userId, now })
      : await findRun(c.env.DB, kind, input.run)
  if (!run) throw new HttpProblem(404, 'not_found', `No such ${kind} run`)
  if (run.primary_kid !== keyring.primaryKid) {
    throw new HttpProblem(
      409,
      'conflict',
      'The primary key changed since this run started; start a new run',
      {
        reason: 'primary_key_changed',
      },
    )
  }
  const report = await runBatch(c.env.DB, keyring, run, { limit: input.limit, now })
  await recordAudit(c, {
    action: `keys.${kind}`,
    outcome: report.failed.length === 0 ? 'success' : 'failure',
    // Counts only: never a value, never a kid's key.
    reason: `done=${report.done};failed=${report.failed.length};skipped=${report.skipped};remaining=${report.remaining}`,
    targetType: 'key_rotation_run',
    targetId: String(report.run),
  })
  return report
}

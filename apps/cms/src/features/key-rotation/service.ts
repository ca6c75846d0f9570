/**
 * Key rotation, the feature's door: the status of the sealed values (counts per kid, and what to do next),
 * and one bounded batch of a rewrap or reseal pass, shared by `/api/admin/keys/*` and the dashboard's
 * Encryption keys page: without `run` it starts a new pass, with `run` it continues that pass from its
 * stored cursor (resumable; a repeated call never redoes finished work). A run started under another
 * primary key is refused. Every batch is audited with counts only. Callers passed `authorize('keys.*')`.
 */

import type { UserCaller } from '../../domain/caller'
import { Conflict, NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { type KeyStatus, keyStatus } from './key-status'
import { type BatchReport, runBatch } from './run-batch'
import { createRun, findRun } from './store-runs'

/**
 * The key status now (this observation recorded), optionally listing the values no configured key opens.
 * @example const status = await readKeyStatus(scope, { listUnopenable: false })
 */
export async function readKeyStatus(scope: Scope, options: { listUnopenable: boolean }): Promise<KeyStatus> {
  return keyStatus(scope.db, await scope.keyring(), { now: scope.now(), ...options })
}

/**
 * The primary key changed since the run started: its cursor describes work under the old key, so the run
 * stops and a new one must start (409 `conflict`, reason `primary_key_changed`).
 * @example if (err instanceof PrimaryKeyChanged) showStartAgain()
 */
export class PrimaryKeyChanged extends Conflict {
  override readonly name: string = 'PrimaryKeyChanged'
  constructor() {
    super('The primary key changed since this run started; start a new run', 'primary_key_changed')
  }
}

/**
 * Runs one batch and audits it.
 * @example const report = await runKeyBatch(scope, caller, 'rewrap', { limit: 100 })
 */
export async function runKeyBatch(
  scope: Scope,
  caller: UserCaller,
  kind: 'rewrap' | 'reseal',
  input: { run?: number | undefined; limit: number },
): Promise<BatchReport> {
  const keyring = await scope.keyring()
  const now = scope.now()
  const run =
    input.run === undefined
      ? await createRun(scope.db, { kind, primaryKid: keyring.primaryKid, startedBy: caller.userId, now })
      : await findRun(scope.db, kind, input.run)
  if (!run) throw new NotFound(`No such ${kind} run`)
  if (run.primary_kid !== keyring.primaryKid) {
    throw new PrimaryKeyChanged()
  }
  const report = await runBatch(scope.db, keyring, run, { limit: input.limit, now })
  await scope.audit.record({
    action: `keys.${kind}`,
    outcome: report.failed.length === 0 ? 'success' : 'failure',
    // Counts only: never a value, never a kid's key.
    reason: `done=${report.done};failed=${report.failed.length};skipped=${report.skipped};remaining=${report.remaining}`,
    targetType: 'key_rotation_run',
    targetId: String(report.run),
  })
  return report
}

/**
 * One bounded batch of a rewrap or reseal pass. Rows are read in (registry column, id) order from the
 * run's cursor; every value is opened fully (so a corrupt value is never counted as migrated), re-wrapped
 * or re-sealed under the primary key, and written back with a compare-and-swap. A swap that changes no row
 * means a concurrent request changed or removed the value: the row is re-read and retried a bounded number
 * of times. Values that do not open are reported by table and id, skipped, and the cursor moves past them,
 * so a pass always ends.
 */
import { isCryptoError, type Keyring, reseal, rewrap } from '@alokai/crypto'
import { SEALED_COLUMNS, type SealedColumn } from './sealed-columns'
import { compareAndSwap, countAfter, readSealedBatch, readSealedRow, type SealedRow } from './store'
import { advanceRun, type RotationRun } from './store-runs'

/** Why a value was not migrated. */
type MigrationFailureReason = 'unknown_key' | 'malformed' | 'decrypt_failed' | 'conflict'

/** A value that was not migrated: where it is, and a fixed reason (never the value). */
interface MigrationFailure {
  table: string
  id: string
  reason: MigrationFailureReason
}

/** What one batch did. */
export interface BatchReport {
  run: number
  kind: 'rewrap' | 'reseal'
  /** Values written under the primary key by this batch. */
  done: number
  /** Rewrap: values not yet under the primary key (all columns). Reseal: values after the cursor. */
  remaining: number
  failed: MigrationFailure[]
  /** Rows left alone: deleted or cleared meanwhile, or (rewrap) already under the primary key. */
  skipped: number
  /** The pass reached the end of the last column. */
  complete: boolean
}

/** How many times a row whose swap lost a race is re-read and retried. */
const MAX_ATTEMPTS = 3

type Outcome = 'done' | 'skipped' | MigrationFailureReason

function failureReason(err: unknown): MigrationFailureReason {
  if (isCryptoError(err, 'ERR_UNKNOWN_KEY')) return 'unknown_key'
  if (isCryptoError(err, 'ERR_MALFORMED')) return 'malformed'
  if (isCryptoError(err)) return 'decrypt_failed'
  throw err
}

async function transform(
  keyring: Keyring,
  kind: 'rewrap' | 'reseal',
  col: SealedColumn,
  row: SealedRow,
): Promise<{ next: string } | { outcome: 'skipped' | MigrationFailureReason }> {
  try {
    const context = col.context(row)
    const next =
      kind === 'rewrap'
        ? await rewrap(keyring, row.sealed, context)
        : await reseal(keyring, row.sealed, context)
    return kind === 'rewrap' && next === row.sealed ? { outcome: 'skipped' } : { next }
  } catch (err) {
    return { outcome: failureReason(err) }
  }
}

async function retryRow(
  db: D1Database,
  keyring: Keyring,
  kind: 'rewrap' | 'reseal',
  col: SealedColumn,
  id: string,
): Promise<Outcome> {
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await readSealedRow(db, col, id)
    if (!row) return 'skipped'
    const result = await transform(keyring, kind, col, row)
    if ('outcome' in result) return result.outcome
    const [landed] = await compareAndSwap(db, [{ col, id, old: row.sealed, next: result.next }])
    if (landed) return 'done'
  }
  return 'conflict'
}

async function migrateRows(
  db: D1Database,
  keyring: Keyring,
  kind: 'rewrap' | 'reseal',
  col: SealedColumn,
  rows: readonly SealedRow[],
): Promise<Outcome[]> {
  const nexts = await Promise.all(rows.map((row) => transform(keyring, kind, col, row)))
  const writes: { col: SealedColumn; id: string; old: string; next: string; index: number }[] = []
  const outcomes: Outcome[] = nexts.map((result, index) => {
    const row = rows[index] as SealedRow
    if ('outcome' in result) return result.outcome
    writes.push({ col, id: row.id, old: row.sealed, next: result.next, index })
    return 'done'
  })
  const landed = await compareAndSwap(db, writes)
  for (const [i, write] of writes.entries()) {
    if (!landed[i]) outcomes[write.index] = await retryRow(db, keyring, kind, col, write.id)
  }
  return outcomes
}

async function remainingAfter(
  db: D1Database,
  keyring: Keyring,
  kind: 'rewrap' | 'reseal',
  column: number,
  afterId: string,
): Promise<number> {
  let total = 0
  for (const [index, col] of SEALED_COLUMNS.entries()) {
    if (kind === 'rewrap') total += await countAfter(db, col, { afterId: '', skipKid: keyring.primaryKid })
    else if (index === column) total += await countAfter(db, col, { afterId })
    else if (index > column) total += await countAfter(db, col, { afterId: '' })
  }
  return total
}

/**
 * Runs one batch of at most `limit` rows of `run` and advances its cursor.
 * @example const report = await runBatch(env.DB, keyring, run, { limit: 100, now: Date.now() })
 */
export async function runBatch(
  db: D1Database,
  keyring: Keyring,
  run: RotationRun,
  options: { limit: number; now: number },
): Promise<BatchReport> {
  const report: BatchReport = {
    run: run.id,
    kind: run.kind,
    done: 0,
    remaining: 0,
    failed: [],
    skipped: 0,
    complete: false,
  }
  let column = run.finished_at === null ? run.cursor_column : SEALED_COLUMNS.length
  let afterId = run.cursor_id
  let budget = options.limit
  const skipKid = run.kind === 'rewrap' ? keyring.primaryKid : undefined
  while (budget > 0 && column < SEALED_COLUMNS.length) {
    const col = SEALED_COLUMNS[column] as SealedColumn
    const rows = await readSealedBatch(db, col, { afterId, limit: budget, skipKid })
    if (rows.length > 0) {
      const outcomes = await migrateRows(db, keyring, run.kind, col, rows)
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome === 'done') report.done++
        else if (outcome === 'skipped') report.skipped++
        else report.failed.push({ table: col.table, id: (rows[i] as SealedRow).id, reason: outcome })
      }
      afterId = (rows.at(-1) as SealedRow).id
      budget -= rows.length
    }
    if (rows.length === 0 || budget > 0) {
      column++
      afterId = ''
    }
  }
  report.complete = column >= SEALED_COLUMNS.length
  await advanceRun(db, {
    id: run.id,
    column,
    afterId,
    migrated: report.done,
    failed: report.failed.length,
    finishedAt: report.complete ? options.now : null,
  })
  report.remaining = await remainingAfter(db, keyring, run.kind, column, afterId)
  return report
}

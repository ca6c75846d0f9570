/**
 * The key-status snapshot the scheduled job takes: the same status the admin keys page computes
 * (`key-status.ts`, which also records the observation that the "remove the previous key" rule reads),
 * reduced to counts per kid and stored, with the history bounded to the newest `KEY_STATUS_SNAPSHOTS_KEPT`
 * and the observations to the last 30 days.
 */
import type { Scope } from '../../domain/scope'
import { type KeyStatus, keyStatus } from './key-status'
import { deleteObservationsBefore } from './store-runs'
import {
  insertKeyStatusSnapshot,
  type KeyStatusSnapshotInput,
  pruneKeyStatusSnapshots,
} from './store-snapshots'

/** Snapshots kept: 30 days of hourly runs (a few hundred bytes each), enough to follow a rotation. */
export const KEY_STATUS_SNAPSHOTS_KEPT: number = 30 * 24

/**
 * Status observations (one per status read, so at least one an hour) are kept this long. Dropping older
 * ones can only move "zero since" later, never earlier: the "remove the previous key" advice stays as
 * cautious as it was, and needs only two zero observations 10 minutes apart anyway.
 */
export const KEY_OBSERVATIONS_KEPT_MS: number = 30 * 24 * 60 * 60 * 1000

/** What one snapshot run did. */
export interface SnapshotResult {
  snapshotId: number
  /** Older snapshots deleted to keep the bound. */
  pruned: number
  /** Status observations deleted for being older than {@link KEY_OBSERVATIONS_KEPT_MS}. */
  prunedObservations: number
}

function kidCounts(status: KeyStatus): KeyStatusSnapshotInput['kids'] {
  const counts = new Map<string, number>([
    [status.primaryKid, 0],
    ...status.previousKids.map((k) => [k, 0] as const),
  ])
  for (const column of status.columns) {
    for (const [kid, n] of Object.entries(column.byKid)) counts.set(kid, (counts.get(kid) ?? 0) + n)
  }
  return [...counts].map(([kid, n]) => ({
    kid,
    n,
    role: kid === status.primaryKid ? 'primary' : status.previousKids.includes(kid) ? 'previous' : 'unknown',
  }))
}

/**
 * Computes the key status, stores it as a snapshot, and prunes snapshots beyond the bound.
 * @example const { snapshotId } = await snapshotKeyStatus(scope)
 */
export async function snapshotKeyStatus(scope: Scope): Promise<SnapshotResult> {
  const now = scope.now()
  const status = await keyStatus(scope.db, await scope.keyring(), { now, listUnopenable: false })
  const snapshotId = await insertKeyStatusSnapshot(scope.db, {
    takenAt: now,
    primaryKid: status.primaryKid,
    previousKids: status.previousKids,
    total: status.totals.values,
    onPrimary: status.totals.onPrimary,
    onPrevious: status.totals.onPrevious,
    unknownKid: status.totals.unknownKid,
    malformed: status.totals.malformed,
    nextStep: status.nextStep.code,
    kids: kidCounts(status),
  })
  const pruned = await pruneKeyStatusSnapshots(scope.db, KEY_STATUS_SNAPSHOTS_KEPT)
  const prunedObservations = await deleteObservationsBefore(scope.db, now - KEY_OBSERVATIONS_KEPT_MS)
  return { snapshotId, pruned, prunedObservations }
}

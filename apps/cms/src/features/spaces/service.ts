/**
 * Spaces, the feature's door: finding and listing them (every other feature asks here whether a space
 * exists), and creating and renaming a space, shared by `/api/spaces` and the dashboard's Spaces pages: the row (its
 * id is immutable and binds every sealed value of the space; only the name changes) and its
 * `spaces.create` / `spaces.rename` audit entry. Callers have passed `authorize('spaces.create' |
 * 'spaces.rename')`.
 */
import type { UserCaller } from '../../domain/caller'
import { NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import {
  createSpace,
  deleteSpace,
  findSpace as findSpaceRow,
  listSpaces as listSpaceRows,
  renameSpace,
  type SpaceRow,
} from './store'

export type { SpaceRow } from './store'

/**
 * The space with this id, or `null`.
 * @example if (!(await findSpace(scope, spaceId))) throw new NotFound('No such space')
 */
export async function findSpace(scope: Scope, id: string): Promise<SpaceRow | null> {
  return findSpaceRow(scope.db, id)
}

/**
 * Spaces visible to a user: all of them with `all` (a global admin), else those where the user has a role.
 * @example const spaces = await listSpaces(scope, { userId: caller.userId, all: false })
 */
export async function listSpaces(scope: Scope, input: { userId: string; all: boolean }): Promise<SpaceRow[]> {
  return listSpaceRows(scope.db, input)
}

/**
 * Creates and audits a space.
 * @example const space = await createAuditedSpace(scope, caller, 'Storefront EU')
 */
export async function createAuditedSpace(scope: Scope, caller: UserCaller, name: string): Promise<SpaceRow> {
  const space = await createSpace(scope.db, { name, createdBy: caller.userId, now: scope.now() })
  await scope.audit.record({
    action: 'spaces.create',
    outcome: 'success',
    spaceId: space.id,
    targetType: 'space',
    targetId: space.id,
  })
  return space
}

/**
 * Renames and audits a space; `NotFound` when it is gone.
 * @example const space = await renameAuditedSpace(scope, spaceId, 'Storefront EU')
 */
export async function renameAuditedSpace(scope: Scope, spaceId: string, name: string): Promise<SpaceRow> {
  const space = await renameSpace(scope.db, { id: spaceId, name, now: scope.now() })
  if (!space) throw new NotFound('No such space')
  await scope.audit.record({
    action: 'spaces.rename',
    outcome: 'success',
    spaceId,
    targetType: 'space',
    targetId: spaceId,
  })
  return space
}

/**
 * Deletes a space when `typedName` is its name exactly (else `false`, nothing changed), audited as
 * `spaces.delete`; everything in it goes with it, sealed secrets and API tokens included. `NotFound` when
 * it is gone.
 * @example if (!(await deleteAuditedSpace(scope, spaceId, typed))) refuse()
 */
export async function deleteAuditedSpace(scope: Scope, spaceId: string, typedName: string): Promise<boolean> {
  const space = await findSpace(scope, spaceId)
  if (!space) throw new NotFound('No such space')
  if (space.name !== typedName) return false
  if (!(await deleteSpace(scope.db, spaceId))) throw new NotFound('No such space')
  await scope.audit.record({
    action: 'spaces.delete',
    outcome: 'success',
    spaceId,
    targetType: 'space',
    targetId: spaceId,
  })
  return true
}

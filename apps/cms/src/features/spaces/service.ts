/**
 * Creating and renaming a space, shared by `/api/spaces` and the dashboard's Spaces pages: the row (its
 * id is immutable and binds every sealed value of the space; only the name changes) and its
 * `spaces.create` / `spaces.rename` audit entry. Callers have passed `authorize('spaces.create' |
 * 'spaces.rename')`.
 */
import type { UserCaller } from '../../domain/caller'
import { NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { createSpace, renameSpace, type SpaceRow } from './store'

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

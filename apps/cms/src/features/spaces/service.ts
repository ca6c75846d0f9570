/**
 * Creating a space, shared by `POST /api/spaces` and the dashboard's Spaces page: the row (its id is
 * immutable and binds every sealed value of the space) and its `spaces.create` audit entry.
 * Callers have already passed `authorize('spaces.create')`.
 */

import type { UserCaller } from '../../domain/caller'
import type { Scope } from '../../domain/scope'
import { createSpace, type SpaceRow } from './store'

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

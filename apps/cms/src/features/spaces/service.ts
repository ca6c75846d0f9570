/**
 * Creating a space, shared by `POST /api/spaces` and the dashboard's Spaces page: the row (its id is
 * immutable and binds every sealed value of the space) and its `spaces.create` audit entry.
 * Callers have already passed `authorize('spaces.create')`.
 */
import type { Context } from 'hono'
import { type AppEnv, nowMs, type UserCaller } from '../../http/app-env'
import { recordAudit } from '../audit-log/record'
import { createSpace, type SpaceRow } from './store'

/**
 * Creates and audits a space.
 * @example const space = await createAuditedSpace(c, caller, 'Storefront EU')
 */
export async function createAuditedSpace(
  c: Context<AppEnv>,
  caller: UserCaller,
  name: string,
): Promise<SpaceRow> {
  const space = await createSpace(c.env.DB, { name, createdBy: caller.userId, now: nowMs(c) })
  await recordAudit(c, {
    action: 'spaces.create',
    outcome: 'success',
    spaceId: space.id,
    targetType: 'space',
    targetId: space.id,
  })
  return space
}

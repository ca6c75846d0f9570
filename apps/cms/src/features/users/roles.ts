/**
 * Reading roles (for `authorize`, a management token's creator, the Users page) and granting and revoking
 * them, shared by `/api/admin/users/:userId/roles` and the dashboard's Users page:
 * the global `admin` role, or a space `admin` / `editor` role in an existing space (one role per user and
 * space; granting replaces), audited as `roles.grant` / `roles.revoke` with the role in `reason`. Callers
 * have already passed `authorize('roles.grant')`.
 */

import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { NotFound } from '../../domain/errors'
import { isId } from '../../domain/ids'
import type { UserRoles } from '../../domain/roles'
import type { Scope } from '../../domain/scope'
import { findSpace } from '../spaces/service'
import {
  grantGlobalRole,
  grantSpaceRole,
  loadAllRoles,
  loadRoles,
  revokeGlobalRole,
  revokeSpaceRole,
  roleQueries,
  toUserRoles,
} from './store-roles'

/**
 * A user's global and space roles (one round trip).
 * @example const roles = await rolesOf(scope, userId)
 */
export async function rolesOf(scope: Scope, userId: string): Promise<UserRoles> {
  return loadRoles(scope.db, userId)
}

/**
 * Every user's roles, by user id (users without a role are absent).
 * @example const roles = (await everyonesRoles(scope)).get(userId)
 */
export async function everyonesRoles(scope: Scope): Promise<Map<string, UserRoles>> {
  return loadAllRoles(scope.db)
}

/** The role reads of the user behind a session, to run in one batch with the session's own read. */
export interface SessionRolesRead {
  statements: D1PreparedStatement[]
  /** The roles from the results of `statements`, in their order. */
  roles(results: readonly D1Result<unknown>[]): UserRoles
}

/**
 * The role reads of a session's user, for the session lookup to batch with its own query: a
 * cookie-authenticated request then reads D1 in one round trip.
 * @example const read = sessionRolesRead(scope, sid); const [s, ...r] = await scope.db.batch([q, ...read.statements])
 */
export function sessionRolesRead(scope: Scope, sid: string): SessionRolesRead {
  return { statements: roleQueries(scope.db, { sid }), roles: toUserRoles }
}

const spaceId = z.string().refine((v) => isId('spc', v), 'Choose a space')

/** A role change: `revoke: true` removes the role instead of granting it. */
export const roleChangeBody = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('global'), role: z.literal('admin'), revoke: z.boolean().optional() }),
  z.strictObject({
    scope: z.literal('space'),
    spaceId,
    role: z.enum(['admin', 'editor'], 'Choose admin or editor'),
    revoke: z.boolean().optional(),
  }),
])

/**
 * Applies a role change to an existing user; 404 for an unknown space.
 * @example await changeRole(scope, caller, userId, { scope: 'space', spaceId, role: 'editor' })
 */
export async function changeRole(
  scope: Scope,
  caller: UserCaller,
  userId: string,
  body: z.output<typeof roleChangeBody>,
): Promise<void> {
  const now = scope.now()
  const audit = (spaceId?: string) =>
    scope.audit.record({
      action: body.revoke ? 'roles.revoke' : 'roles.grant',
      outcome: 'success',
      reason: `${body.scope}:${body.role}`,
      targetType: 'user',
      targetId: userId,
      ...(spaceId ? { spaceId } : {}),
    })
  if (body.scope === 'global') {
    if (body.revoke) await revokeGlobalRole(scope.db, userId, body.role)
    else await grantGlobalRole(scope.db, { userId, role: body.role, grantedBy: caller.userId, now })
    return audit()
  }
  if (!(await findSpace(scope, body.spaceId))) throw new NotFound('No such space')
  if (body.revoke) await revokeSpaceRole(scope.db, userId, body.spaceId)
  else
    await grantSpaceRole(scope.db, {
      userId,
      spaceId: body.spaceId,
      role: body.role,
      grantedBy: caller.userId,
      now,
    })
  return audit(body.spaceId)
}

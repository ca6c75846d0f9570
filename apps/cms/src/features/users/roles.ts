/**
 * Reading roles (for `authorize`, a management token's creator, the Users page) and granting and revoking
 * them, shared by `/api/admin/users/:userId/roles` and the dashboard's Users page:
 * the global `admin` role, or a space `admin` / `editor` role in an existing space (one role per user and
 * space; granting replaces; a revoke removes only the role it names), audited as `roles.grant` /
 * `roles.revoke` with the role in `reason`, and the last active global admin's role never goes. Callers
 * have already passed `authorize('roles.grant')`.
 */

import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { LastAdmin, NotFound } from '../../domain/errors'
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
 * A revoke of a role the user does not hold: it removed nothing (a 404 `not_found` in the API).
 * @example if (err instanceof NoSuchRole) notice = err.message
 */
export class NoSuchRole extends NotFound {
  override readonly name: string = 'NoSuchRole'
  constructor() {
    super('The user does not hold this role')
  }
}

/**
 * Refuses (`LastAdmin`, audited as a failure of `action`) a change that the last-admin rule stopped: the
 * write that would have disabled, demoted or deleted the last active global admin changed nothing (the
 * rule is checked in the write itself, `ANOTHER_ACTIVE_ADMIN`), and locking everyone out of user
 * management is not allowed.
 * @example if (outcome === 'last_admin') await refuseLastAdmin(scope, userId, 'users.status')
 */
export async function refuseLastAdmin(scope: Scope, userId: string, action: string): Promise<never> {
  await scope.audit.record({
    action,
    outcome: 'failure',
    reason: 'last_admin',
    targetType: 'user',
    targetId: userId,
  })
  throw new LastAdmin('This would leave no active global admin')
}

/**
 * Applies a role change to an existing user; 404 for an unknown space, or for a revoke of a role the user
 * does not hold (audited as a failure: it removed nothing); `LastAdmin` for the last global admin's role.
 * The entry's reason is the role added or removed (`global:admin`, `space:editor`).
 * @example await changeRole(scope, caller, userId, { scope: 'space', spaceId, role: 'editor' })
 */
export async function changeRole(
  scope: Scope,
  caller: UserCaller,
  userId: string,
  body: z.output<typeof roleChangeBody>,
): Promise<void> {
  const now = scope.now()
  const action = body.revoke ? 'roles.revoke' : 'roles.grant'
  const spaceId = body.scope === 'space' ? body.spaceId : undefined
  const audit = (outcome: 'success' | 'failure', reason: string) =>
    scope.audit.record({
      action,
      outcome,
      reason,
      targetType: 'user',
      targetId: userId,
      ...(spaceId ? { spaceId } : {}),
    })
  if (spaceId !== undefined && !(await findSpace(scope, spaceId))) throw new NotFound('No such space')
  let changed = true
  if (body.scope === 'global' && body.revoke) {
    const revoked = await revokeGlobalRole(scope.db, userId, body.role)
    if (revoked === 'last_admin') await refuseLastAdmin(scope, userId, action)
    changed = revoked === 'revoked'
  } else if (body.scope === 'global') {
    await grantGlobalRole(scope.db, { userId, role: body.role, grantedBy: caller.userId, now })
  } else if (body.revoke) {
    changed = await revokeSpaceRole(scope.db, { userId, spaceId: body.spaceId, role: body.role })
  } else {
    const grant = { userId, spaceId: body.spaceId, role: body.role, grantedBy: caller.userId, now }
    await grantSpaceRole(scope.db, grant)
  }
  if (!changed) {
    await audit('failure', 'no_such_role')
    throw new NoSuchRole()
  }
  await audit('success', `${body.scope}:${body.role}`)
}

/**
 * Granting and revoking roles, shared by `/api/admin/users/:userId/roles` and the dashboard's Users page:
 * the global `admin` role, or a space `admin` / `editor` role in an existing space (one role per user and
 * space; granting replaces), audited as `roles.grant` / `roles.revoke` with the role in `reason`. Callers
 * have already passed `authorize('roles.grant')`.
 */
import type { Context } from 'hono'
import { z } from 'zod'
import { isId } from '../../db/ids'
import { type AppEnv, nowMs, type UserCaller } from '../../http/app-env'
import { HttpProblem } from '../../http/problem'
import { recordAudit } from '../audit-log/record'
import { findSpace } from '../spaces/store'
import { grantGlobalRole, grantSpaceRole, revokeGlobalRole, revokeSpaceRole } from './roles-store'

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
 * @example await changeRole(c, caller, userId, { scope: 'space', spaceId, role: 'editor' })
 */
export async function changeRole(
  c: Context<AppEnv>,
  caller: UserCaller,
  userId: string,
  body: z.output<typeof roleChangeBody>,
): Promise<void> {
  const now = nowMs(c)
  const audit = (spaceId?: string) =>
    recordAudit(c, {
      action: body.revoke ? 'roles.revoke' : 'roles.grant',
      outcome: 'success',
      reason: `${body.scope}:${body.role}`,
      targetType: 'user',
      targetId: userId,
      ...(spaceId ? { spaceId } : {}),
    })
  if (body.scope === 'global') {
    if (body.revoke) await revokeGlobalRole(c.env.DB, userId, body.role)
    else await grantGlobalRole(c.env.DB, { userId, role: body.role, grantedBy: caller.userId, now })
    return audit()
  }
  if (!(await findSpace(c.env.DB, body.spaceId))) throw new HttpProblem(404, 'not_found', 'No such space')
  if (body.revoke) await revokeSpaceRole(c.env.DB, userId, body.spaceId)
  else
    await grantSpaceRole(c.env.DB, {
      userId,
      spaceId: body.spaceId,
      role: body.role,
      grantedBy: caller.userId,
      now,
    })
  return audit(body.spaceId)
}

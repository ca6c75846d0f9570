/**
 * Data access for `user_roles` (global) and `space_roles` (per space). Read on every request via the
 * session's user, so a demotion takes effect at once.
 */

import type { GlobalRole, SpaceRole, UserRoles } from '../../domain/roles'
import { emailVerifiedSql, shownEmailSql } from './store-shown-email'

/**
 * The two role queries (global, space) of a user, named by id or by one of their sessions' sid: batched
 * alone by `loadRoles`, and with the session lookup by `findActiveSession`, so a cookie-authenticated
 * request reads D1 in one round trip.
 * @example const [global, spaces] = await db.batch(roleQueries(db, { userId }))
 */
export function roleQueries(
  db: D1Database,
  owner: { userId: string } | { sid: string },
): D1PreparedStatement[] {
  const user = 'sid' in owner ? '(SELECT user_id FROM sessions WHERE id = ?1)' : '?1'
  const key = 'sid' in owner ? owner.sid : owner.userId
  return [
    db.prepare(`SELECT role FROM user_roles WHERE user_id = ${user}`).bind(key),
    db.prepare(`SELECT space_id, role FROM space_roles WHERE user_id = ${user} LIMIT 1000`).bind(key),
  ]
}

/**
 * The roles from the results of `roleQueries`, in their order.
 * @example const roles = toUserRoles(await db.batch(roleQueries(db, { userId })))
 */
export function toUserRoles(results: readonly D1Result<unknown>[]): UserRoles {
  const [global, spaces] = results as D1Result<Record<string, string>>[]
  return {
    global: (global?.results ?? []).map((r) => r.role as GlobalRole),
    spaces: (spaces?.results ?? []).map((r) => ({
      spaceId: r.space_id as string,
      role: r.role as SpaceRole,
    })),
  }
}

/**
 * Loads a user's global and space roles (one batch, one round trip).
 * @example const roles = await loadRoles(env.DB, userId)
 */
export async function loadRoles(db: D1Database, userId: string): Promise<UserRoles> {
  return toUserRoles(await db.batch(roleQueries(db, { userId })))
}

/**
 * Every user's roles, by user id, in one batch of two queries (the admin Users page lists everyone, so this
 * replaces a round trip per user). Users without a role are absent from the map.
 * @example const roles = (await loadAllRoles(env.DB)).get(userId)
 */
export async function loadAllRoles(db: D1Database): Promise<Map<string, UserRoles>> {
  const [global, spaces] = await db.batch<Record<string, string>>([
    db.prepare('SELECT user_id, role FROM user_roles'),
    db.prepare('SELECT user_id, space_id, role FROM space_roles'),
  ])
  const byUser = new Map<string, UserRoles>()
  const of = (userId: string): UserRoles => {
    let roles = byUser.get(userId)
    if (!roles) {
      roles = { global: [], spaces: [] }
      byUser.set(userId, roles)
    }
    return roles
  }
  for (const r of global?.results ?? []) of(r.user_id!).global.push(r.role as GlobalRole)
  for (const r of spaces?.results ?? []) {
    of(r.user_id!).spaces.push({ spaceId: r.space_id!, role: r.role as SpaceRole })
  }
  return byUser
}

/**
 * Grants the global admin role (idempotent).
 * @example await grantGlobalRole(env.DB, { userId, role: 'admin', grantedBy, now: Date.now() })
 */
export async function grantGlobalRole(
  db: D1Database,
  input: { userId: string; role: GlobalRole; grantedBy: string | null; now: number },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO user_roles (user_id, role, granted_by, granted_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (user_id, role) DO NOTHING`,
    )
    .bind(input.userId, input.role, input.grantedBy, input.now)
    .run()
}

/**
 * SQL that is true when an active user other than `?1` holds the global admin role: the last-admin rule,
 * evaluated inside each write that could break it (a role revoke, a disable), so two admins removing each
 * other at the same moment cannot both pass a check made before their writes.
 */
export const ANOTHER_ACTIVE_ADMIN: string = `EXISTS (SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id
  WHERE r.role = 'admin' AND u.status = 'active' AND r.user_id <> ?1)`

/** What a revoke of a global role did. */
export type GlobalRevoke = 'revoked' | 'not_held' | 'last_admin'

/**
 * Removes a global role, unless it is the admin role of the last active global admin; one batch (one
 * transaction), so the answer says truly why nothing was removed.
 * @example if ((await revokeGlobalRole(env.DB, userId, 'admin')) === 'last_admin') throw new LastAdmin('…')
 */
export async function revokeGlobalRole(
  db: D1Database,
  userId: string,
  role: GlobalRole,
): Promise<GlobalRevoke> {
  const [deleted, held] = await db.batch([
    db
      .prepare(
        `DELETE FROM user_roles WHERE user_id = ?1 AND role = ?2 AND (?2 <> 'admin' OR ${ANOTHER_ACTIVE_ADMIN})`,
      )
      .bind(userId, role),
    db.prepare('SELECT 1 FROM user_roles WHERE user_id = ?1 AND role = ?2').bind(userId, role),
  ])
  if ((deleted?.meta.changes ?? 0) > 0) return 'revoked'
  return (held?.results.length ?? 0) > 0 ? 'last_admin' : 'not_held'
}

/**
 * Sets a user's role in a space (one role per user per space; a new grant replaces the old one).
 * @example await grantSpaceRole(env.DB, { userId, spaceId, role: 'editor', grantedBy, now: Date.now() })
 */
export async function grantSpaceRole(
  db: D1Database,
  input: { userId: string; spaceId: string; role: SpaceRole; grantedBy: string | null; now: number },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO space_roles (user_id, space_id, role, granted_by, granted_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (user_id, space_id) DO UPDATE SET role = excluded.role,
         granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
    )
    .bind(input.userId, input.spaceId, input.role, input.grantedBy, input.now)
    .run()
}

/**
 * Removes a user's role in a space, only if it is `role` (revoking "editor" never removes an admin);
 * whether one was removed.
 * @example await revokeSpaceRole(env.DB, { userId, spaceId, role: 'editor' })
 */
export async function revokeSpaceRole(
  db: D1Database,
  input: { userId: string; spaceId: string; role: SpaceRole },
): Promise<boolean> {
  const res = await db
    .prepare('DELETE FROM space_roles WHERE user_id = ?1 AND space_id = ?2 AND role = ?3')
    .bind(input.userId, input.spaceId, input.role)
    .run()
  return res.meta.changes > 0
}

/** A member of a space: a user with a role there. */
export interface SpaceMember {
  userId: string
  email: string | null
  /** False only for an IdP address the IdP did not say it verified. */
  emailVerified: boolean
  name: string | null
  role: SpaceRole
  status: 'active' | 'disabled'
}

/**
 * The users with a role in a space, by email.
 * @example const members = await listSpaceMembers(env.DB, spaceId)
 */
export async function listSpaceMembers(db: D1Database, spaceId: string): Promise<SpaceMember[]> {
  const res = await db
    .prepare(
      `SELECT r.user_id AS userId, ${shownEmailSql('u.')} AS email,
              ${emailVerifiedSql('u.')} AS emailVerified, u.name, r.role, u.status
       FROM space_roles r JOIN users u ON u.id = r.user_id WHERE r.space_id = ?1
       ORDER BY coalesce(u.email, u.idp_email, u.id) LIMIT 1000`,
    )
    .bind(spaceId)
    .all<Omit<SpaceMember, 'emailVerified'> & { emailVerified: number }>()
  return res.results.map((m) => ({ ...m, emailVerified: m.emailVerified === 1 }))
}

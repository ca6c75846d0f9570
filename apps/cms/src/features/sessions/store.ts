/**
 * Data access for `sessions`. A session row is the server-side truth behind a session cookie: the JWT
 * only names the sid, and every request re-reads this row (with the user's status) so logout, admin
 * revocation and disabling a user take effect on the next request.
 */
import { newId } from '../../domain/ids'

/** How the session's user proved who they are. */
export type AuthMethod = 'password' | 'oidc'

/** What a valid session resolves to. */
export interface ActiveSession {
  sid: string
  userId: string
  authMethod: AuthMethod
  authenticatedAt: number
  expiresAt: number
}

/**
 * Creates a session with a fresh sid, valid until `expiresAt`, if the user is active at this write;
 * `null` if not. The check is part of the insert: a sign-in that checked the user before a disable and
 * writes after it must not leave a session the disable never ended (it would live again on an enable).
 * @example const s = await createSession(env.DB, { userId, authMethod: 'password', now, authenticatedAt: now, expiresAt })
 */
export async function createSession(
  db: D1Database,
  input: { userId: string; authMethod: AuthMethod; now: number; authenticatedAt: number; expiresAt: number },
): Promise<ActiveSession | null> {
  const sid = newId('ses')
  const res = await db
    .prepare(
      `INSERT INTO sessions (id, user_id, auth_method, created_at, authenticated_at, expires_at, revoked_at)
       SELECT ?1, id, ?3, ?4, ?5, ?6, NULL FROM users WHERE id = ?2 AND status = 'active'`,
    )
    .bind(sid, input.userId, input.authMethod, input.now, input.authenticatedAt, input.expiresAt)
    .run()
  if (res.meta.changes === 0) return null
  return {
    sid,
    userId: input.userId,
    authMethod: input.authMethod,
    authenticatedAt: input.authenticatedAt,
    expiresAt: input.expiresAt,
  }
}

/**
 * The query of a session that exists, is not revoked or expired, and whose user is active: batched by the
 * service with the user's role reads (one round trip, one consistent read); read its result with
 * `toActiveSession`.
 * @example const [result] = await db.batch([activeSessionQuery(db, sid, Date.now())])
 */
export function activeSessionQuery(db: D1Database, sid: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT s.id AS sid, s.user_id AS userId, s.auth_method AS authMethod,
              s.authenticated_at AS authenticatedAt, s.expires_at AS expiresAt
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2 AND u.status = 'active'`,
    )
    .bind(sid, now)
}

/**
 * The session in the result of `activeSessionQuery`, or `null`.
 * @example const session = toActiveSession(result)
 */
export function toActiveSession(result: D1Result<unknown> | undefined): ActiveSession | null {
  return (result?.results[0] as ActiveSession | undefined) ?? null
}

/**
 * Revokes one session (logout). Idempotent.
 * @example await revokeSession(env.DB, sid, Date.now())
 */
export async function revokeSession(db: D1Database, sid: string, now: number): Promise<void> {
  await db
    .prepare('UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL')
    .bind(sid, now)
    .run()
}

/**
 * Revokes every live session of a user (admin action); returns how many were revoked.
 * @example const n = await revokeUserSessions(env.DB, userId, Date.now())
 */
export async function revokeUserSessions(db: D1Database, userId: string, now: number): Promise<number> {
  const res = await db
    .prepare('UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL')
    .bind(userId, now)
    .run()
  return res.meta.changes
}

/**
 * Revokes every live session of a user but `keepSid` (a password change keeps the session that made it);
 * how many were revoked.
 * @example const n = await revokeOtherUserSessions(env.DB, userId, sid, Date.now())
 */
export async function revokeOtherUserSessions(
  db: D1Database,
  userId: string,
  keepSid: string,
  now: number,
): Promise<number> {
  const res = await db
    .prepare('UPDATE sessions SET revoked_at = ?3 WHERE user_id = ?1 AND id <> ?2 AND revoked_at IS NULL')
    .bind(userId, keepSid, now)
    .run()
  return res.meta.changes
}

/**
 * Deletes every session that expired or was revoked at or before `endedBy`; returns how many went. Such a
 * row can never authenticate again (`findActiveSession` refuses it), so deleting it changes no answer.
 * @example const n = await deleteSessionsEndedBy(env.DB, Date.now() - DEAD_SESSION_RETENTION_MS)
 */
export async function deleteSessionsEndedBy(db: D1Database, endedBy: number): Promise<number> {
  const res = await db
    .prepare('DELETE FROM sessions WHERE expires_at <= ?1 OR revoked_at <= ?1')
    .bind(endedBy)
    .run()
  return res.meta.changes
}

/**
 * Data access for `invitations`: roles waiting for an email's first verified sign-in, and the claim that
 * turns them into `user_roles` / `space_roles` rows in one batch.
 */
import { newId } from '../../domain/ids'

/** A pending invitation (`spaceId` null: the global admin role). */
export interface Invitation {
  id: string
  email: string
  spaceId: string | null
  role: 'admin' | 'editor'
  invitedBy: string | null
  createdAt: number
}

const COLUMNS = 'id, email, space_id AS spaceId, role, invited_by AS invitedBy, created_at AS createdAt'

/**
 * Records an invitation, replacing the role of a pending one for the same email and space.
 * @example const inv = await upsertInvitation(env.DB, { email, spaceId: null, role: 'admin', invitedBy, now })
 */
export async function upsertInvitation(
  db: D1Database,
  input: {
    email: string
    spaceId: string | null
    role: 'admin' | 'editor'
    invitedBy: string | null
    now: number
  },
): Promise<Invitation> {
  const row = await db
    .prepare(
      `INSERT INTO invitations (id, email, space_id, role, invited_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (email, coalesce(space_id, '')) DO UPDATE SET role = excluded.role,
         invited_by = excluded.invited_by, created_at = excluded.created_at
       RETURNING ${COLUMNS}`,
    )
    .bind(newId('inv'), input.email.toLowerCase(), input.spaceId, input.role, input.invitedBy, input.now)
    .first<Invitation>()
  if (!row) throw new Error('invitation not written')
  return row
}

/**
 * Pending invitations, newest first: all of them, or one space's.
 * @example const pending = await listInvitations(env.DB, { spaceId })
 */
export async function listInvitations(
  db: D1Database,
  filter: { spaceId?: string } = {},
): Promise<Invitation[]> {
  const where = filter.spaceId === undefined ? '' : 'WHERE space_id = ?1'
  const stmt = db.prepare(
    `SELECT ${COLUMNS} FROM invitations ${where} ORDER BY created_at DESC, id LIMIT 1000`,
  )
  const res = await (filter.spaceId === undefined ? stmt : stmt.bind(filter.spaceId)).all<Invitation>()
  return res.results
}

/**
 * One pending invitation, or `null`.
 * @example const invitation = await findInvitation(env.DB, id)
 */
export async function findInvitation(db: D1Database, id: string): Promise<Invitation | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM invitations WHERE id = ?1`).bind(id).first<Invitation>()
}

/**
 * Deletes a pending invitation (of `spaceId` when given); the deleted row, or `null`.
 * @example const gone = await deleteInvitation(env.DB, id)
 */
export async function deleteInvitation(
  db: D1Database,
  id: string,
  spaceId?: string,
): Promise<Invitation | null> {
  const scoped = spaceId === undefined ? '' : 'AND space_id = ?2'
  const stmt = db.prepare(`DELETE FROM invitations WHERE id = ?1 ${scoped} RETURNING ${COLUMNS}`)
  return (spaceId === undefined ? stmt.bind(id) : stmt.bind(id, spaceId)).first<Invitation>()
}

/**
 * Claims every pending invitation of `email` for `userId`: the roles are granted (a space role replaces
 * the user's current one there) and the invitations deleted, in one batch; the claimed invitations.
 * @example const claimed = await claimInvitations(env.DB, { email, userId, now })
 */
export async function claimInvitations(
  db: D1Database,
  input: { email: string; userId: string; now: number },
): Promise<Invitation[]> {
  const email = input.email.toLowerCase()
  const [, , claimed] = await db.batch<Invitation>([
    db
      .prepare(
        `INSERT INTO user_roles (user_id, role, granted_by, granted_at)
         SELECT ?2, role, invited_by, ?3 FROM invitations WHERE email = ?1 AND space_id IS NULL
         ON CONFLICT (user_id, role) DO NOTHING`,
      )
      .bind(email, input.userId, input.now),
    db
      .prepare(
        `INSERT INTO space_roles (user_id, space_id, role, granted_by, granted_at)
         SELECT ?2, space_id, role, invited_by, ?3 FROM invitations WHERE email = ?1 AND space_id IS NOT NULL
         ON CONFLICT (user_id, space_id) DO UPDATE SET role = excluded.role,
           granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
      )
      .bind(email, input.userId, input.now),
    db.prepare(`DELETE FROM invitations WHERE email = ?1 RETURNING ${COLUMNS}`).bind(email),
  ])
  return claimed?.results ?? []
}

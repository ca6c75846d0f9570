/**
 * Data access for `spaces`. Space ids are immutable (`spc_…`); only the name changes.
 */
import { newId } from '../../domain/ids'

/** A space row. */
export interface SpaceRow {
  id: string
  name: string
  created_by: string | null
  created_at: number
  updated_at: number
}

/**
 * Creates a space.
 * @example const space = await createSpace(env.DB, { name: 'Shop', createdBy: userId, now: Date.now() })
 */
export async function createSpace(
  db: D1Database,
  input: { name: string; createdBy: string | null; now: number },
): Promise<SpaceRow> {
  const row: SpaceRow = {
    id: newId('spc'),
    name: input.name,
    created_by: input.createdBy,
    created_at: input.now,
    updated_at: input.now,
  }
  await db
    .prepare('INSERT INTO spaces (id, name, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)')
    .bind(row.id, row.name, row.created_by, row.created_at)
    .run()
  return row
}

/**
 * The space with this id, if any.
 * @example const space = await findSpace(env.DB, 'spc_…')
 */
export async function findSpace(db: D1Database, id: string): Promise<SpaceRow | null> {
  return db.prepare('SELECT * FROM spaces WHERE id = ?1').bind(id).first<SpaceRow>()
}

/**
 * Spaces visible to a caller: all of them for a global admin, else those where the user has a role.
 * @example const spaces = await listSpaces(env.DB, { userId, all: false })
 */
export async function listSpaces(
  db: D1Database,
  input: { userId: string; all: boolean },
): Promise<SpaceRow[]> {
  const res = input.all
    ? await db.prepare('SELECT * FROM spaces ORDER BY created_at, id LIMIT 1000').all<SpaceRow>()
    : await db
        .prepare(
          `SELECT s.* FROM spaces s JOIN space_roles r ON r.space_id = s.id
           WHERE r.user_id = ?1 ORDER BY s.created_at, s.id LIMIT 1000`,
        )
        .bind(input.userId)
        .all<SpaceRow>()
  return res.results
}

/**
 * Renames a space; the updated row, or `null` when there is no such space.
 * @example await renameSpace(env.DB, { id, name: 'New name', now: Date.now() })
 */
export async function renameSpace(
  db: D1Database,
  input: { id: string; name: string; now: number },
): Promise<SpaceRow | null> {
  return db
    .prepare('UPDATE spaces SET name = ?2, updated_at = ?3 WHERE id = ?1 RETURNING *')
    .bind(input.id, input.name, input.now)
    .first<SpaceRow>()
}

/**
 * Deletes a space; its entries, roles, invitations, API tokens, MCP integrations and preview URLs (with
 * their sealed secrets) go with it (foreign keys, `ON DELETE CASCADE`). Whether it existed.
 * @example await deleteSpace(env.DB, spaceId)
 */
export async function deleteSpace(db: D1Database, id: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM spaces WHERE id = ?1').bind(id).run()
  return res.meta.changes > 0
}

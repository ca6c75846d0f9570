/**
 * Data access for `entries`. Every statement is scoped by `space_id` as well as the entry id, so an id from
 * another space behaves exactly like an unknown one. Bodies are stored as JSON text and parsed here.
 */
import { newId } from '../../domain/ids'

/** Where an entry stands: never published, published as is, or edited since publishing. */
type EntryState = 'draft' | 'published' | 'changed'

/** An entry as its editors see it (the draft). */
export interface Entry {
  id: string
  spaceId: string
  state: EntryState
  body: Record<string, unknown>
  version: number
  createdAt: number
  updatedAt: number
  publishedAt: number | null
}

/** An entry as delivery sees it: the published snapshot only. */
export interface PublishedEntry {
  id: string
  spaceId: string
  body: Record<string, unknown>
  publishedAt: number
}

interface EntryRow {
  id: string
  space_id: string
  draft_body: string
  version: number
  published_body: string | null
  published_version: number | null
  published_at: number | null
  created_at: number
  updated_at: number
}

function toEntry(row: EntryRow): Entry {
  const state: EntryState =
    row.published_version === null ? 'draft' : row.published_version === row.version ? 'published' : 'changed'
  return {
    id: row.id,
    spaceId: row.space_id,
    state,
    body: JSON.parse(row.draft_body) as Record<string, unknown>,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  }
}

function toPublished(row: EntryRow): PublishedEntry | null {
  if (row.published_body === null || row.published_at === null) return null
  return {
    id: row.id,
    spaceId: row.space_id,
    body: JSON.parse(row.published_body) as Record<string, unknown>,
    publishedAt: row.published_at,
  }
}

/**
 * How many entries a space holds (drafts included).
 * @example const n = await countEntries(env.DB, spaceId)
 */
export async function countEntries(db: D1Database, spaceId: string): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM entries WHERE space_id = ?1')
    .bind(spaceId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/**
 * Creates an entry with a fresh server-generated id; its body is the first draft.
 * @example const entry = await createEntry(env.DB, { spaceId, body: { title: 'Hi' }, now })
 */
export async function createEntry(
  db: D1Database,
  input: { spaceId: string; body: Record<string, unknown>; now: number },
): Promise<Entry> {
  const row = await db
    .prepare(
      `INSERT INTO entries (id, space_id, draft_body, version, created_at, updated_at)
       VALUES (?1, ?2, ?3, 1, ?4, ?4) RETURNING *`,
    )
    .bind(newId('ent'), input.spaceId, JSON.stringify(input.body), input.now)
    .first<EntryRow>()
  if (!row) throw new Error('entry insert returned no row')
  return toEntry(row)
}

/**
 * One entry's draft view, or `null` (unknown id, or an entry of another space).
 * @example const entry = await findEntry(env.DB, { spaceId, id })
 */
export async function findEntry(
  db: D1Database,
  input: { spaceId: string; id: string },
): Promise<Entry | null> {
  const row = await db
    .prepare('SELECT * FROM entries WHERE id = ?1 AND space_id = ?2')
    .bind(input.id, input.spaceId)
    .first<EntryRow>()
  return row ? toEntry(row) : null
}

/**
 * One entry's published view, or `null` (unknown, other space, or never published).
 * @example const entry = await findPublishedEntry(env.DB, { spaceId, id })
 */
export async function findPublishedEntry(
  db: D1Database,
  input: { spaceId: string; id: string },
): Promise<PublishedEntry | null> {
  const row = await db
    .prepare('SELECT * FROM entries WHERE id = ?1 AND space_id = ?2 AND published_at IS NOT NULL')
    .bind(input.id, input.spaceId)
    .first<EntryRow>()
  return row ? toPublished(row) : null
}

/** Keyset page options: entries ordered by id, `after` the last id of the previous page. */
export interface EntryPage {
  spaceId: string
  after?: string | undefined
  limit: number
}

/**
 * A page of entries (draft view).
 * @example const entries = await listEntries(env.DB, { spaceId, limit: 50 })
 */
export async function listEntries(db: D1Database, page: EntryPage): Promise<Entry[]> {
  const res = await db
    .prepare('SELECT * FROM entries WHERE space_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3')
    .bind(page.spaceId, page.after ?? '', page.limit)
    .all<EntryRow>()
  return res.results.map(toEntry)
}

/**
 * A page of published entries (published view).
 * @example const entries = await listPublishedEntries(env.DB, { spaceId, limit: 50 })
 */
export async function listPublishedEntries(db: D1Database, page: EntryPage): Promise<PublishedEntry[]> {
  const res = await db
    .prepare(
      `SELECT * FROM entries WHERE space_id = ?1 AND id > ?2 AND published_at IS NOT NULL
       ORDER BY id LIMIT ?3`,
    )
    .bind(page.spaceId, page.after ?? '', page.limit)
    .all<EntryRow>()
  return res.results.map(toPublished).filter((e): e is PublishedEntry => e !== null)
}

/**
 * Replaces an entry's draft (bumping its version); `null` when the space has no such entry.
 * @example const entry = await updateEntryDraft(env.DB, { spaceId, id, body, now })
 */
export async function updateEntryDraft(
  db: D1Database,
  input: { spaceId: string; id: string; body: Record<string, unknown>; now: number },
): Promise<Entry | null> {
  const row = await db
    .prepare(
      `UPDATE entries SET draft_body = ?3, version = version + 1, updated_at = ?4
       WHERE id = ?1 AND space_id = ?2 RETURNING *`,
    )
    .bind(input.id, input.spaceId, JSON.stringify(input.body), input.now)
    .first<EntryRow>()
  return row ? toEntry(row) : null
}

/**
 * Publishes the current draft (copies it to the published snapshot); `null` when there is no such entry.
 * @example const entry = await publishEntry(env.DB, { spaceId, id, now })
 */
export async function publishEntry(
  db: D1Database,
  input: { spaceId: string; id: string; now: number },
): Promise<Entry | null> {
  const row = await db
    .prepare(
      `UPDATE entries SET published_body = draft_body, published_version = version, published_at = ?3
       WHERE id = ?1 AND space_id = ?2 RETURNING *`,
    )
    .bind(input.id, input.spaceId, input.now)
    .first<EntryRow>()
  return row ? toEntry(row) : null
}

/**
 * Deletes an entry (draft and published snapshot); whether one was deleted.
 * @example const deleted = await deleteEntry(env.DB, { spaceId, id })
 */
export async function deleteEntry(db: D1Database, input: { spaceId: string; id: string }): Promise<boolean> {
  const res = await db
    .prepare('DELETE FROM entries WHERE id = ?1 AND space_id = ?2')
    .bind(input.id, input.spaceId)
    .run()
  return res.meta.changes > 0
}

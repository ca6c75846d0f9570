/**
 * Data access for `users` and `oidc_identities`. All SQL about users lives here.
 */
import { newId } from '../../domain/ids'
import { ANOTHER_ACTIVE_ADMIN } from './store-roles'
import { emailVerifiedSql, shownEmailSql } from './store-shown-email'

/** A user row. */
export interface UserRow {
  id: string
  email: string | null
  password_hash: string | null
  status: 'active' | 'disabled'
  created_at: number
  updated_at: number
  idp_email: string | null
  idp_email_verified: number
  name: string | null
  credentials_valid_after: number
}

/**
 * Public view of a user (no hash): `email` is the login email, or an IdP user's last `email` claim;
 * `email_verified` is false only for an IdP address the IdP did not say it verified.
 */
export interface UserSummary {
  id: string
  email: string | null
  email_verified: boolean
  name: string | null
  status: 'active' | 'disabled'
  created_at: number
}

/**
 * The columns of a `UserSummary`, for every query that lists or returns users.
 * @example db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM users`)
 */
export const SUMMARY_COLUMNS: string = `id, ${shownEmailSql()} AS email,
  ${emailVerifiedSql()} AS email_verified, name, status, created_at`

/**
 * A row read with {@link SUMMARY_COLUMNS} as a `UserSummary`: SQLite answers the verified flag as 0 or 1.
 * @example const user = summaryRow(await stmt.first<SummaryRow>())
 */
export function summaryRow<T extends { email_verified: number | boolean }>(
  row: T,
): Omit<T, 'email_verified'> & { email_verified: boolean } {
  return { ...row, email_verified: row.email_verified === 1 || row.email_verified === true }
}

/** A `UserSummary` as SQLite answers it. */
export type SummaryRow = Omit<UserSummary, 'email_verified'> & { email_verified: number }

/**
 * The user with this (lower-cased) email, if any.
 * @example const user = await findUserByEmail(env.DB, 'ada@example.com')
 */
export async function findUserByEmail(db: D1Database, email: string): Promise<UserRow | null> {
  return db.prepare('SELECT * FROM users WHERE email = ?1').bind(email.toLowerCase()).first<UserRow>()
}

/**
 * The ids of the users who have `email`: as their login email, or as the verified email of their last IdP
 * sign-in (normally one; two when two IdP identities claim one address).
 * @example const [userId] = await findUsersHoldingEmail(env.DB, 'ada@example.com')
 */
export async function findUsersHoldingEmail(db: D1Database, email: string): Promise<string[]> {
  const res = await db
    .prepare(
      `SELECT id FROM users WHERE email = ?1 OR (idp_email = ?1 AND idp_email_verified = 1)
       ORDER BY created_at, id LIMIT 2`,
    )
    .bind(email.toLowerCase())
    .all<{ id: string }>()
  return res.results.map((r) => r.id)
}

/**
 * The user with this id, if any.
 * @example const user = await findUserById(env.DB, 'usr_…')
 */
export async function findUserById(db: D1Database, id: string): Promise<UserRow | null> {
  return db.prepare('SELECT * FROM users WHERE id = ?1').bind(id).first<UserRow>()
}

/**
 * Creates a local user with an email and a password hash; `null` when the email is taken.
 * @example const user = await createLocalUser(env.DB, { email, passwordHash, now: Date.now() })
 */
export async function createLocalUser(
  db: D1Database,
  input: { email: string; passwordHash: string; now: number },
): Promise<UserSummary | null> {
  const id = newId('usr')
  const row = await db
    .prepare(
      `INSERT INTO users (id, email, password_hash, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, 'active', ?4, ?4) ON CONFLICT (email) DO NOTHING
       RETURNING ${SUMMARY_COLUMNS}`,
    )
    .bind(id, input.email.toLowerCase(), input.passwordHash, input.now)
    .first<SummaryRow>()
  return row ? summaryRow(row) : null
}

/** What a status change did: `last_admin` when disabling the last active global admin was refused. */
export type StatusChange = 'changed' | 'last_admin' | 'missing'

/**
 * Sets a user's status (a disabled user's sessions stop working on the next request); a disable also
 * marks every credential issued until now as ended (`credentials_valid_after`). A disable that would leave
 * no active global admin changes nothing; one batch, so the answer says truly why.
 * @example if ((await setUserStatus(env.DB, id, 'disabled', Date.now())) === 'last_admin') throw new LastAdmin('…')
 */
export async function setUserStatus(
  db: D1Database,
  id: string,
  status: 'active' | 'disabled',
  now: number,
): Promise<StatusChange> {
  const [updated, exists] = await db.batch([
    db
      .prepare(
        `UPDATE users SET status = ?2, updated_at = ?3,
           credentials_valid_after = CASE WHEN ?2 = 'disabled' THEN ?3 ELSE credentials_valid_after END
         WHERE id = ?1 AND (?2 <> 'disabled'
           OR NOT EXISTS (SELECT 1 FROM user_roles WHERE user_id = ?1 AND role = 'admin')
           OR ${ANOTHER_ACTIVE_ADMIN})`,
      )
      .bind(id, status, now),
    db.prepare('SELECT 1 FROM users WHERE id = ?1').bind(id),
  ])
  if ((updated?.meta.changes ?? 0) > 0) return 'changed'
  return (exists?.results.length ?? 0) > 0 ? 'last_admin' : 'missing'
}

/**
 * Replaces a user's password hash.
 * @example await setPasswordHash(env.DB, userId, hash, Date.now())
 */
export async function setPasswordHash(
  db: D1Database,
  id: string,
  passwordHash: string,
  now: number,
): Promise<void> {
  await db
    .prepare('UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1')
    .bind(id, passwordHash, now)
    .run()
}

/**
 * All users, oldest first (bounded: the CMS has tens of users, not millions).
 * @example const users = await listUsers(env.DB)
 */
export async function listUsers(db: D1Database): Promise<UserSummary[]> {
  const res = await db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM users ORDER BY created_at, id LIMIT 1000`)
    .all<SummaryRow>()
  return res.results.map(summaryRow)
}

/**
 * The user behind an OIDC identity, created on first sight (with no role: an admin must grant one).
 * Keyed by (iss, sub) only — an email claim is never trusted to identify a user.
 * @example const user = await upsertOidcUser(env.DB, { iss, sub, now: Date.now() })
 */
export async function upsertOidcUser(
  db: D1Database,
  input: { iss: string; sub: string; now: number },
): Promise<UserRow> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = await db
      .prepare(
        `SELECT u.* FROM oidc_identities i JOIN users u ON u.id = i.user_id
         WHERE i.iss = ?1 AND i.sub = ?2`,
      )
      .bind(input.iss, input.sub)
      .first<UserRow>()
    if (found) {
      await db
        .prepare('UPDATE oidc_identities SET last_login_at = ?3 WHERE iss = ?1 AND sub = ?2')
        .bind(input.iss, input.sub, input.now)
        .run()
      return found
    }
    const id = newId('usr')
    // Two first requests may race: the identity insert decides, the loser's user row is removed.
    const [, inserted] = await db.batch([
      db
        .prepare(
          `INSERT INTO users (id, email, password_hash, status, created_at, updated_at)
           VALUES (?1, NULL, NULL, 'active', ?2, ?2)`,
        )
        .bind(id, input.now),
      db
        .prepare(
          `INSERT INTO oidc_identities (iss, sub, user_id, created_at, last_login_at)
           VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (iss, sub) DO NOTHING RETURNING user_id`,
        )
        .bind(input.iss, input.sub, id, input.now),
    ])
    if ((inserted?.results.length ?? 0) > 0) {
      const user = await findUserById(db, id)
      if (user) return user
    }
    await db.prepare('DELETE FROM users WHERE id = ?1').bind(id).run()
  }
  throw new Error('OIDC identity could not be resolved')
}

/**
 * Stores what the IdP said about a user at sign-in (email, whether verified, display name).
 * @example await setIdpProfile(env.DB, userId, { email, emailVerified: true, name }, Date.now())
 */
export async function setIdpProfile(
  db: D1Database,
  userId: string,
  profile: { email: string | null; emailVerified: boolean; name: string | null },
  now: number,
): Promise<void> {
  await db
    .prepare(
      'UPDATE users SET idp_email = ?2, idp_email_verified = ?3, name = ?4, updated_at = ?5 WHERE id = ?1',
    )
    .bind(userId, profile.email, profile.emailVerified ? 1 : 0, profile.name, now)
    .run()
}

/**
 * Deletes a user (their sessions, roles and IdP identities go with the row; tokens they created keep a
 * `NULL` creator) and keeps the name they had in `deleted_users`, in one batch; whether a user was deleted.
 * @example await deleteUserRow(env.DB, { id, label: 'ada@example.com', deletedBy, now: Date.now() })
 */
export async function deleteUserRow(
  db: D1Database,
  input: { id: string; label: string; deletedBy: string; now: number },
): Promise<boolean> {
  const [, deleted] = await db.batch([
    db
      .prepare(
        `INSERT INTO deleted_users (id, label, deleted_by, deleted_at) SELECT id, ?2, ?3, ?4 FROM users WHERE id = ?1
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(input.id, input.label, input.deletedBy, input.now),
    db.prepare('DELETE FROM users WHERE id = ?1').bind(input.id),
  ])
  return (deleted?.meta.changes ?? 0) > 0
}

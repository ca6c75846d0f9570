/**
 * The one rule for the address a user is shown by, and whether it counts as verified: a local user's
 * login email (verified: an admin typed it), else an IdP user's last `email` claim, verified only when the
 * IdP said so. In SQL for the queries that list users (`alias` is a table alias, `u.`, or empty), and in
 * TypeScript for a row already read whole.
 */

/**
 * SQL of the address a user is shown by.
 * @example db.prepare(`SELECT ${shownEmailSql('u.')} AS email FROM users u`)
 */
export const shownEmailSql = (alias = ''): string => `coalesce(${alias}email, ${alias}idp_email)`

/**
 * SQL that is 1 when that address counts as verified, else 0.
 * @example db.prepare(`SELECT ${emailVerifiedSql()} AS email_verified FROM users`)
 */
export const emailVerifiedSql = (alias = ''): string =>
  `(${alias}email IS NOT NULL OR ${alias}idp_email_verified = 1)`

/**
 * The same rule over a row read whole.
 * @example const { email, email_verified } = shownEmailOf(row)
 */
export function shownEmailOf(row: {
  email: string | null
  idp_email: string | null
  idp_email_verified: number
}): { email: string | null; email_verified: boolean } {
  return {
    email: row.email ?? row.idp_email,
    email_verified: row.email !== null || row.idp_email_verified === 1,
  }
}

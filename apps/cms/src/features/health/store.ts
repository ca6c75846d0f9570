/**
 * The health check's one query: a constant read that touches no table.
 */

/**
 * Reads one constant row.
 * @example await pingDatabase(env.DB)
 */
export async function pingDatabase(db: D1Database): Promise<void> {
  await db.prepare('SELECT 1').first()
}

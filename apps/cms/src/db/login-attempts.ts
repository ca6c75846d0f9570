/**
 * Data access for `login_attempts`: failed password logins per (account, client IP). One atomic upsert
 * per failure, so concurrent guesses cannot slip past the count.
 */

/** Failures that lock an (account, IP) pair. */
export const MAX_FAILURES: number = 5
/** How long a lock lasts, and how long a failure is remembered. */
export const LOCKOUT_MS: number = 15 * 60 * 1000

/**
 * The time until which the pair is locked, or `null` when it is not locked at `now`.
 * @example const until = await lockedUntil(env.DB, 'ada@example.com', ip, Date.now())
 */
export async function lockedUntil(
  db: D1Database,
  account: string,
  clientIp: string,
  now: number,
): Promise<number | null> {
  const row = await db
    .prepare('SELECT locked_until FROM login_attempts WHERE account = ?1 AND client_ip = ?2')
    .bind(account, clientIp)
    .first<{ locked_until: number | null }>()
  return row?.locked_until != null && row.locked_until > now ? row.locked_until : null
}

/**
 * Counts one failure; a count that reaches `MAX_FAILURES` locks the pair for `LOCKOUT_MS`. A count older
 * than `LOCKOUT_MS`, or one whose lock has expired, starts again at 1.
 * @example await recordFailure(env.DB, account, ip, Date.now())
 */
export async function recordFailure(
  db: D1Database,
  account: string,
  clientIp: string,
  now: number,
): Promise<{ failures: number; lockedUntil: number | null }> {
  // In DO UPDATE every column on the right-hand side is the old value, so the new count is spelled twice.
  const fresh = `(last_failure_at <= ?3 - ${LOCKOUT_MS} OR (locked_until IS NOT NULL AND locked_until <= ?3))`
  const row = await db
    .prepare(
      `INSERT INTO login_attempts (account, client_ip, failures, last_failure_at, locked_until)
       VALUES (?1, ?2, 1, ?3, NULL)
       ON CONFLICT (account, client_ip) DO UPDATE SET
         failures = CASE WHEN ${fresh} THEN 1 ELSE failures + 1 END,
         locked_until = CASE
           WHEN ${fresh} THEN NULL
           WHEN failures + 1 >= ${MAX_FAILURES} THEN ?3 + ${LOCKOUT_MS}
           ELSE locked_until END,
         last_failure_at = ?3
       RETURNING failures, locked_until`,
    )
    .bind(account, clientIp, now)
    .first<{ failures: number; locked_until: number | null }>()
  return { failures: row?.failures ?? 1, lockedUntil: row?.locked_until ?? null }
}

/**
 * Forgets the failures of a pair after a successful login.
 * @example await clearFailures(env.DB, account, ip)
 */
export async function clearFailures(db: D1Database, account: string, clientIp: string): Promise<void> {
  await db
    .prepare('DELETE FROM login_attempts WHERE account = ?1 AND client_ip = ?2')
    .bind(account, clientIp)
    .run()
}

/**
 * Data access for `login_throttle`: password-login attempts per (account, client IP) and per account
 * (source `*`). An attempt is reserved in ONE atomic upsert before any PBKDF2 work, so concurrent guesses
 * cannot all read "not locked" and then each spend a full evaluation: the count they get back is theirs
 * alone. Refused attempts count too but never extend a lock, so a lock always ends.
 */

/** Attempts per (account, address) in a window; the next one locks the pair. */
export const ADDRESS_MAX_ATTEMPTS: number = 5
/**
 * Attempts per account in a window from addresses without a recent success, whatever the IP; the next one
 * locks new addresses out of the account. High enough for a user on a few new networks, low enough that
 * stuffing from many addresses gets about 2,000 guesses a day per account at most.
 */
export const ACCOUNT_MAX_ATTEMPTS: number = 20
/** The counting window, and how long a lock lasts. */
export const LOCKOUT_MS: number = 15 * 60 * 1000
/** A success from an address exempts it from the account-wide ceiling for this long. */
export const KNOWN_ADDRESS_MS: number = 30 * 24 * 60 * 60 * 1000
/** The `source` of the account-wide row (never a CF-Connecting-IP value). */
export const ANY_ADDRESS = '*'

/** What a reservation answers. */
export interface Reservation {
  /** This attempt's number in the window (1 = first). */
  attempt: number
  /** Epoch ms until which the row is locked, or `null`. */
  lockedUntil: number | null
  /** Epoch ms of the last successful login from this source, or `null`. */
  lastSuccessAt: number | null
}

/**
 * Reserves one attempt for (account, source) and answers the row as it now is. A window older than
 * `LOCKOUT_MS`, or an expired lock, starts again at 1; the attempt past `limit` sets the lock once (later
 * refused attempts leave it where it is).
 * @example const r = await reserveAttempt(env.DB, { account, source: ip, now, limit: ADDRESS_MAX_ATTEMPTS })
 */
export async function reserveAttempt(
  db: D1Database,
  input: { account: string; source: string; now: number; limit: number },
): Promise<Reservation> {
  // In DO UPDATE every column on the right-hand side is the OLD value.
  const fresh = `(CASE WHEN locked_until IS NULL THEN window_started_at <= ?3 - ${LOCKOUT_MS}
                  ELSE locked_until <= ?3 END)`
  const row = await db
    .prepare(
      `INSERT INTO login_throttle (account, source, attempts, window_started_at, locked_until, last_success_at)
       VALUES (?1, ?2, 1, ?3, NULL, NULL)
       ON CONFLICT (account, source) DO UPDATE SET
         attempts = CASE WHEN ${fresh} THEN 1 ELSE attempts + 1 END,
         window_started_at = CASE WHEN ${fresh} THEN ?3 ELSE window_started_at END,
         locked_until = CASE
           WHEN ${fresh} THEN NULL
           WHEN locked_until IS NULL AND attempts + 1 > ?4 THEN ?3 + ${LOCKOUT_MS}
           ELSE locked_until END
       RETURNING attempts, locked_until, last_success_at`,
    )
    .bind(input.account, input.source, input.now, input.limit)
    .first<{ attempts: number; locked_until: number | null; last_success_at: number | null }>()
  return {
    attempt: row?.attempts ?? 1,
    lockedUntil: row?.locked_until ?? null,
    lastSuccessAt: row?.last_success_at ?? null,
  }
}

/**
 * Records a successful login from `source`: the address becomes known, and its count starts again unless
 * a lock is in force (set by concurrent failures after this attempt was reserved), which stays as it is.
 * @example await recordSuccess(env.DB, account, ip, Date.now())
 */
export async function recordSuccess(
  db: D1Database,
  account: string,
  source: string,
  now: number,
): Promise<void> {
  const locked = '(locked_until IS NOT NULL AND locked_until > ?3)'
  await db
    .prepare(
      `UPDATE login_throttle SET
         last_success_at = ?3,
         attempts = CASE WHEN ${locked} THEN attempts ELSE 0 END,
         window_started_at = CASE WHEN ${locked} THEN window_started_at ELSE ?3 END,
         locked_until = CASE WHEN ${locked} THEN locked_until ELSE NULL END
       WHERE account = ?1 AND source = ?2`,
    )
    .bind(account, source, now)
    .run()
}

/**
 * Deletes the rows that no longer change any decision at `now`; returns how many went. A row may go when
 * its next reservation would start afresh anyway (its window is over and no lock is in force: the same
 * test as `reserveAttempt`'s) and its address is no longer known (no success within `KNOWN_ADDRESS_MS`,
 * the same bound the login uses), so a missing row answers exactly as the deleted one would have.
 * @example const n = await deleteSettledAttempts(env.DB, Date.now())
 */
export async function deleteSettledAttempts(db: D1Database, now: number): Promise<number> {
  const res = await db
    .prepare(
      `DELETE FROM login_throttle
       WHERE (CASE WHEN locked_until IS NULL THEN window_started_at <= ?1 - ${LOCKOUT_MS}
                   ELSE locked_until <= ?1 END)
         AND (last_success_at IS NULL OR last_success_at <= ?1 - ${KNOWN_ADDRESS_MS})`,
    )
    .bind(now)
    .run()
  return res.meta.changes
}

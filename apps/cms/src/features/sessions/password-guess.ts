/**
 * The one throttle on guessing a local password, shared by everything that checks one: the sign-in
 * (`local-login.ts`) and a signed-in user's own password change (`users/service-password.ts`), so a
 * stolen session cookie gets no more guesses at the password than a stranger at the sign-in form, and
 * the two draw on the same count. Every guess first reserves its place in D1 (one atomic upsert,
 * `store-login-throttle.ts`) and only then may spend PBKDF2 work: at most 5 evaluations per (account,
 * client IP) in 15 minutes, and 20 per account from addresses without a success in the last 30 days;
 * past them `LockedOut` (429 with `Retry-After`), the right password included, with no derivation. The
 * refusal is audited under the caller's action.
 */
import type { AuditEvent } from '../../domain/audit'
import { LockedOut } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import {
  ACCOUNT_MAX_ATTEMPTS,
  ADDRESS_MAX_ATTEMPTS,
  ANY_ADDRESS,
  KNOWN_ADDRESS_MS,
  type Reservation,
  recordSuccess,
  reserveAttempt,
} from './store-login-throttle'

/** What a refused guess is audited as: the caller's action and target (the reason is the throttle's). */
export type GuessAudit = Omit<AuditEvent, 'outcome' | 'reason'>

/** A guess allowed to run; report its success so the address becomes known. */
export interface ReservedGuess {
  /** Records that the password was right: the address is known and its count starts again. */
  succeeded(): Promise<void>
}

function lockedUntil(reservation: Reservation, now: number): number | null {
  const until = reservation.lockedUntil
  return until !== null && until > now ? until : null
}

async function refuse(
  scope: Scope,
  audit: GuessAudit,
  until: number,
  now: number,
  reason: string,
): Promise<never> {
  await scope.audit.record({ ...audit, outcome: 'failure', reason })
  throw new LockedOut(Math.max(1, Math.ceil((until - now) / 1000)))
}

/**
 * Reserves one guess at `account`'s password (an email, any case) from the caller's address, before any
 * PBKDF2 work. Throws `LockedOut` (audited as `audit` with reason `locked_out` or `account_locked_out`)
 * when the address or the account is locked; a wrong guess needs no report, it was counted here.
 * @example const guess = await reservePasswordGuess(scope, email, { action: 'auth.login' })
 * if (ok) await guess.succeeded()
 */
export async function reservePasswordGuess(
  scope: Scope,
  account: string,
  audit: GuessAudit,
): Promise<ReservedGuess> {
  const db = scope.db
  const now = scope.now()
  const key = account.toLowerCase()
  // `unknown` only in local tests: Cloudflare's edge always sets CF-Connecting-IP.
  const ip = scope.clientIp ?? 'unknown'
  const pair = await reserveAttempt(db, { account: key, source: ip, now, limit: ADDRESS_MAX_ATTEMPTS })
  const pairLock = lockedUntil(pair, now)
  if (pairLock !== null) return refuse(scope, audit, pairLock, now, 'locked_out')
  const known = pair.lastSuccessAt !== null && now - pair.lastSuccessAt < KNOWN_ADDRESS_MS
  if (!known) {
    const all = await reserveAttempt(db, {
      account: key,
      source: ANY_ADDRESS,
      now,
      limit: ACCOUNT_MAX_ATTEMPTS,
    })
    const accountLock = lockedUntil(all, now)
    if (accountLock !== null) return refuse(scope, audit, accountLock, now, 'account_locked_out')
  }
  return { succeeded: () => recordSuccess(db, key, ip, now) }
}

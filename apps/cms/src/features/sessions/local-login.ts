/**
 * The local password check with its throttle. Every attempt first reserves its place in D1 (one atomic
 * upsert, `store-login-throttle.ts`) and only then may spend PBKDF2 work, so a burst of concurrent guesses
 * gets at most 5 evaluations per (account, client IP) and everything past them is refused with 429 and
 * `Retry-After`, the right password included. Addresses without a success in the last 30 days also share
 * an account-wide ceiling of 20 attempts per 15 minutes (stuffing from many IPs); an address the user
 * signed in from keeps working through it, so an attacker can close the account to new addresses for a
 * while but never lock the user out of a known one. Unknown accounts cost the same single derivation as
 * wrong passwords and get the same 401. Every outcome is audited here, so the JSON route and the
 * dashboard's form record sign-ins the same way.
 */

import { InvalidCredentials, LockedOut } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { passwordOwner } from '../users/service'
import {
  ACCOUNT_MAX_ATTEMPTS,
  ADDRESS_MAX_ATTEMPTS,
  ANY_ADDRESS,
  KNOWN_ADDRESS_MS,
  type Reservation,
  recordSuccess,
  reserveAttempt,
} from './store-login-throttle'

function lockedUntil(reservation: Reservation, now: number): number | null {
  const until = reservation.lockedUntil
  return until !== null && until > now ? until : null
}

async function refuseLocked(
  scope: Scope,
  until: number,
  now: number,
  reason: 'locked_out' | 'account_locked_out',
): Promise<never> {
  await scope.audit.record({ action: 'auth.login', outcome: 'failure', reason })
  const retryAfter = Math.max(1, Math.ceil((until - now) / 1000))
  throw new LockedOut(retryAfter)
}

/**
 * Checks the credentials; the user's id on success, `InvalidCredentials` or `LockedOut` otherwise.
 * @example const userId = await checkPassword(scope, email, password)
 */
export async function checkPassword(scope: Scope, email: string, password: string): Promise<string> {
  const db = scope.db
  const now = scope.now()
  const account = email.toLowerCase()
  // `unknown` only in local tests: Cloudflare's edge always sets CF-Connecting-IP.
  const ip = scope.clientIp ?? 'unknown'
  const pair = await reserveAttempt(db, { account, source: ip, now, limit: ADDRESS_MAX_ATTEMPTS })
  const pairLock = lockedUntil(pair, now)
  if (pairLock !== null) return refuseLocked(scope, pairLock, now, 'locked_out')
  const known = pair.lastSuccessAt !== null && now - pair.lastSuccessAt < KNOWN_ADDRESS_MS
  if (!known) {
    const all = await reserveAttempt(db, { account, source: ANY_ADDRESS, now, limit: ACCOUNT_MAX_ATTEMPTS })
    const accountLock = lockedUntil(all, now)
    if (accountLock !== null) return refuseLocked(scope, accountLock, now, 'account_locked_out')
  }

  const userId = await passwordOwner(scope, account, password)
  if (userId !== null) {
    await recordSuccess(db, account, ip, now)
    await scope.audit.record({
      action: 'auth.login',
      outcome: 'success',
      actor: { type: 'user', id: userId },
    })
    return userId
  }
  // The failure was counted when the attempt was reserved.
  await scope.audit.record({ action: 'auth.login', outcome: 'failure', reason: 'invalid_credentials' })
  throw new InvalidCredentials()
}

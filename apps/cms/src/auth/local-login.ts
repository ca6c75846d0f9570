/**
 * The local password check with its lockout: (account, client IP) pairs with 5 recent failures are refused
 * with a 429 BEFORE any PBKDF2 work (so a locked pair costs no CPU), unknown accounts cost the same single
 * derivation as wrong passwords, and the answer to both is the same 401. Every outcome is audited here, so
 * the JSON route and the dashboard's form record sign-ins the same way.
 */
import type { Context } from 'hono'
import { type AppEnv, nowMs } from '../app-env'
import { recordAudit } from '../audit/record-audit'
import { clearFailures, lockedUntil, recordFailure } from '../db/login-attempts'
import { findUserByEmail } from '../db/users'
import { HttpProblem } from '../http/problem'
import { verifyPassword } from './password'

/**
 * The client IP as Cloudflare reports it; `unknown` when absent (only in local tests: the edge always sets it).
 * @example const ip = clientIp(c)
 */
export function clientIp(c: Context): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown'
}

function lockedProblem(until: number, now: number): HttpProblem {
  const retryAfter = Math.max(1, Math.ceil((until - now) / 1000))
  return new HttpProblem(429, 'locked_out', 'Too many failed logins; try again later', {
    headers: { 'Retry-After': String(retryAfter) },
  })
}

/**
 * Checks the credentials; the user's id on success, a 401 or 429 problem otherwise.
 * @example const userId = await checkPassword(c, email, password)
 */
export async function checkPassword(c: Context<AppEnv>, email: string, password: string): Promise<string> {
  const db = c.env.DB
  const now = nowMs(c)
  const account = email.toLowerCase()
  const ip = clientIp(c)
  const until = await lockedUntil(db, account, ip, now)
  if (until !== null) {
    await recordAudit(c, { action: 'auth.login', outcome: 'failure', reason: 'locked_out' })
    throw lockedProblem(until, now)
  }

  const user = await findUserByEmail(db, account)
  const usable = user !== null && user.status === 'active' && user.password_hash !== null
  const ok = await verifyPassword(
    password,
    usable ? user.password_hash : undefined,
    c.var.deps.onPasswordDerivation,
  )
  if (ok && usable) {
    await clearFailures(db, account, ip)
    await recordAudit(c, { action: 'auth.login', outcome: 'success', actor: { type: 'user', id: user.id } })
    return user.id
  }
  const failure = await recordFailure(db, account, ip, now)
  const reason = failure.lockedUntil !== null ? 'locked_out' : 'invalid_credentials'
  await recordAudit(c, { action: 'auth.login', outcome: 'failure', reason })
  if (failure.lockedUntil !== null) throw lockedProblem(failure.lockedUntil, now)
  throw new HttpProblem(401, 'invalid_credentials', 'Invalid email or password')
}

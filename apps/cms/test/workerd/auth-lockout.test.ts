/**
 * The password-login throttle in workerd on real D1: per (account, client IP) and account-wide, attempts
 * reserved before any PBKDF2 work, locks that end, and successes that never clear a lock in force.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { LOCKOUT_MS, recordSuccess, reserveAttempt } from '../../src/features/sessions/store-login-throttle'
import { client, makeUser, PASSWORD, uniqueEmail } from './helpers'

const from = (ip: string) => ({ 'cf-connecting-ip': ip })

/** A client that counts PBKDF2 derivations. */
function countingClient(): ReturnType<typeof client> & { derivations: () => number } {
  let n = 0
  const c = client({ deps: { onPasswordDerivation: () => void n++ } })
  return Object.assign(c, { derivations: () => n })
}

function login(c: ReturnType<typeof client>, email: string, password: string, ip: string) {
  return c.fetch('/api/auth/login', { json: { email, password }, headers: from(ip) })
}

/** Moves every stored time of an account's rows back by `ms`, as if that time had passed. */
async function age(account: string, ms: number, source?: string): Promise<void> {
  await env.DB.prepare(
    `UPDATE login_throttle SET window_started_at = window_started_at - ?2, locked_until = locked_until - ?2,
       last_success_at = last_success_at - ?2
     WHERE account = ?1 AND (?3 IS NULL OR source = ?3)`,
  )
    .bind(account, ms, source ?? null)
    .run()
}

describe('lockout per (account, client IP)', () => {
  it('evaluates 5 attempts, then refuses with 429 before any PBKDF2 work, even the right password', async () => {
    const c = countingClient()
    const user = await makeUser()
    for (let i = 0; i < 5; i++) expect((await login(c, user.email, 'bad', '203.0.113.7')).status).toBe(401)
    expect(c.derivations()).toBe(5)
    const locked = await login(c, user.email, PASSWORD, '203.0.113.7')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    expect(await locked.json()).toMatchObject({ code: 'locked_out' })
    expect(c.derivations()).toBe(5)
    // Another client IP is not locked out of the same account.
    expect((await login(c, user.email, PASSWORD, '198.51.100.2')).status).toBe(200)
  })

  it('locks unknown accounts the same way (no enumeration through the lockout)', async () => {
    const email = uniqueEmail('ghost')
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await login(client(), email, 'x', '203.0.113.9')).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429])
  })

  it('holds under a burst: 40 concurrent wrong passwords and the right one get at most 5 evaluations', async () => {
    const c = countingClient()
    const user = await makeUser({ fullCost: true })
    const wrong = Array.from({ length: 40 }, (_, i) => login(c, user.email, `wrong-${i}`, '203.0.113.11'))
    await new Promise((r) => setTimeout(r, 20))
    const right = login(c, user.email, PASSWORD, '203.0.113.11')
    const statuses = (await Promise.all([...wrong, right])).map((r) => r.status)
    expect(statuses).not.toContain(200)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(36)
    expect(statuses.at(-1)).toBe(429)
    expect(c.derivations()).toBeLessThanOrEqual(5)
  })

  it('never extends a lock with the attempts it refuses', async () => {
    const user = await makeUser()
    const c = client()
    for (let i = 0; i < 6; i++) await login(c, user.email, 'bad', '203.0.113.12')
    const lock = () =>
      env.DB.prepare("SELECT locked_until FROM login_throttle WHERE account = ?1 AND source = '203.0.113.12'")
        .bind(user.email)
        .first<number>('locked_until')
    const first = await lock()
    expect(first).not.toBeNull()
    for (let i = 0; i < 3; i++) await login(c, user.email, 'bad', '203.0.113.12')
    expect(await lock()).toBe(first)
  })

  it('ends: once the lock is in the past the right password works and the count starts again', async () => {
    const user = await makeUser()
    const c = client()
    for (let i = 0; i < 6; i++) await login(c, user.email, 'bad', '203.0.113.8')
    await age(user.email, LOCKOUT_MS + 1000)
    expect((await login(c, user.email, PASSWORD, '203.0.113.8')).status).toBe(200)
    const row = await env.DB.prepare(
      "SELECT attempts, locked_until FROM login_throttle WHERE account = ?1 AND source = '203.0.113.8'",
    )
      .bind(user.email)
      .first()
    expect(row).toEqual({ attempts: 0, locked_until: null })
    // A single failure after that does not lock again.
    expect((await login(c, user.email, 'bad', '203.0.113.8')).status).toBe(401)
  })

  it('a success never clears a lock already in force', async () => {
    const account = uniqueEmail('racer')
    const now = Date.now()
    // The success's attempt was reserved first; five concurrent failures then locked the pair.
    for (let i = 0; i < 7; i++)
      await reserveAttempt(env.DB, { account, source: '203.0.113.13', now, limit: 5 })
    await recordSuccess(env.DB, account, '203.0.113.13', now + 10)
    const row = await env.DB.prepare(
      'SELECT attempts, locked_until, last_success_at FROM login_throttle WHERE account = ?1',
    )
      .bind(account)
      .first()
    expect(row).toEqual({ attempts: 7, locked_until: now + LOCKOUT_MS, last_success_at: now + 10 })
  })
})

describe('the account-wide ceiling (many addresses, one account)', () => {
  it('refuses new addresses after 20 attempts from anywhere, keeps known ones open, and ends', async () => {
    const c = countingClient()
    const user = await makeUser()
    // The user signed in from home before the attack.
    expect((await login(c, user.email, PASSWORD, '198.51.100.1')).status).toBe(200)
    // Its reservation was the account's first; 19 guesses from four addresses fill the ceiling of 20.
    for (let n = 0; n < 19; n++) {
      const ip = `192.0.2.${1 + Math.floor(n / 5)}`
      expect((await login(c, user.email, `stuffed-${n}`, ip)).status).toBe(401)
    }
    const before = c.derivations()
    const fresh = await login(c, user.email, 'stuffed-x', '192.0.2.99')
    expect(fresh.status).toBe(429)
    expect(Number(fresh.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    expect((await login(c, user.email, PASSWORD, '192.0.2.100')).status).toBe(429)
    expect(c.derivations()).toBe(before)
    const audit = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.login' AND reason = 'account_locked_out'",
    ).first<number>('n')
    expect(audit).toBeGreaterThanOrEqual(2)
    // From home the user still gets in: the attacker cannot lock them out of a known address.
    expect((await login(c, user.email, PASSWORD, '198.51.100.1')).status).toBe(200)
    // And the ceiling ends with its window.
    await age(user.email, LOCKOUT_MS + 1000, '*')
    expect((await login(c, user.email, PASSWORD, '192.0.2.100')).status).toBe(200)
  })
})

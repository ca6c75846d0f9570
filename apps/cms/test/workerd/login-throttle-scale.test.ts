/**
 * The login throttle under a spray from 1,000 distinct client IPs at one account, in workerd on real D1:
 * PBKDF2 work stops at the account-wide ceiling (so the time per attempt stays that of a refusal), the
 * table holds one row per address plus the account row, and the hourly job removes every one of them once
 * their windows and the lock are over: rows and time stay bounded however many addresses take part.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { client, makeUser } from './helpers'
import { MINUTE, runCron } from './scheduled-helpers'

const ADDRESSES = 1000

async function rowsOf(account: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM login_throttle WHERE account = ?1')
    .bind(account)
    .first<{ n: number }>()
  return row?.n ?? 0
}

describe('the login throttle under 1,000 client IPs', () => {
  it('stops PBKDF2 at the account-wide ceiling, keeps one row per address, and the job prunes them all', async () => {
    let derivations = 0
    const c = client({ deps: { onPasswordDerivation: () => void derivations++ } })
    const user = await makeUser({ label: 'spray' })
    const statuses = new Map<number, number>()
    for (let i = 0; i < ADDRESSES; i++) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
      const res = await c.fetch('/api/auth/login', {
        json: { email: user.email, password: `guess-${i}` },
        headers: { 'cf-connecting-ip': ip },
      })
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    }
    // 20 evaluated from new addresses in the window, then the account is closed to new addresses.
    expect(derivations).toBe(20)
    expect(Object.fromEntries(statuses)).toEqual({ 401: 20, 429: ADDRESSES - 20 })
    expect(await rowsOf(user.email)).toBe(ADDRESSES + 1)
    await runCron(Date.now() + 31 * MINUTE)
    expect(await rowsOf(user.email)).toBe(0)
  }, 120_000)
})

/**
 * The login lockout under a burst, on `wrangler dev` with its real local D1: 40 concurrent wrong passwords
 * for one account from one `CF-Connecting-IP`, then the right password 20 ms later. Every attempt is
 * reserved in D1 before any PBKDF2 work, so at most 5 are evaluated (401) and everything else, the right
 * password included, is refused (429 with `Retry-After`). Once the lock is over (the stored times are moved
 * back through D1, no sleeping), the right password alone signs in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from './fixtures/wrangler-dev'

let cms: WranglerDev

beforeAll(async () => {
  cms = await startWranglerDev()
}, 120_000)

// The whole process group the fixture started (wrangler and its workerd child), by pid.
afterAll(() => cms?.stop())

const IP = '203.0.113.77'

function login(password: string): Promise<Response> {
  return fetch(`${cms.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: cms.base, 'cf-connecting-ip': IP },
    body: JSON.stringify({ email: cms.admin.email, password }),
  })
}

describe('the login lockout under a burst, on wrangler dev', () => {
  it('evaluates at most 5 of 40 concurrent wrong passwords and refuses the right one sent 20 ms later', async () => {
    const wrong = Array.from({ length: 40 }, (_, i) => login(`wrong-password-${i}`))
    await new Promise((r) => setTimeout(r, 20))
    const right = login(cms.admin.password)
    const responses = await Promise.all([...wrong, right])
    const statuses = responses.map((r) => r.status)
    const count = (s: number) => statuses.filter((x) => x === s).length
    expect(count(200)).toBe(0)
    expect(count(401)).toBeLessThanOrEqual(5)
    expect(count(401) + count(429)).toBe(41)
    const last = await right
    expect(last.status).toBe(429)
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await last.json()) as { code: string }).code).toBe('locked_out')
  })

  it('lets the right password alone in once the lock is over', async () => {
    expect((await login(cms.admin.password)).status).toBe(429)
    // Move every stored time of this account 16 minutes into the past, as if the lock had run out.
    const past = 16 * 60 * 1000
    const account = cms.admin.email.toLowerCase().replace(/'/g, "''")
    // The reservations were keyed by the CF-Connecting-IP the requests carried.
    const [rows] = await cms.d1(
      `SELECT source FROM login_throttle WHERE account = '${account}' ORDER BY source`,
    )
    expect(rows).toEqual([{ source: '*' }, { source: IP }])
    await cms.d1(
      `UPDATE login_throttle SET window_started_at = window_started_at - ${past},
         locked_until = locked_until - ${past} WHERE account = '${account}'`,
    )
    expect((await login(cms.admin.password)).status).toBe(200)
  })
})

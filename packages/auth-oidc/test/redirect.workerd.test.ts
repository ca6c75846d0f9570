/**
 * Why `fetchJson` asks for `redirect: 'manual'` and refuses 3xx itself instead of `redirect: 'error'`: the
 * workerd runtime does not accept `'error'`. If this test starts failing, workerd has learned `'error'` and
 * the policy could use it directly.
 */
import { describe, expect, it } from 'vitest'

describe('workerd fetch redirect modes', () => {
  it('rejects redirect: "error" and accepts "manual"', async () => {
    let refused = false
    try {
      new Request('https://idp.test/jwks', { redirect: 'error' })
    } catch {
      refused = true
    }
    expect(refused).toBe(true)
    expect(new Request('https://idp.test/jwks', { redirect: 'manual' }).redirect).toBe('manual')
  })
})

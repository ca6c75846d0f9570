import { describe, expect, it } from 'vitest'
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../../src/features/users/password'

describe('the password format (shared by the Worker and the users CLI)', () => {
  it('writes pbkdf2-sha256$100000$<16-byte salt b64>$<32-byte hash b64> with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery staple')
    const b = await hashPassword('correct horse battery staple')
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(a).not.toBe(b)
    expect(PBKDF2_ITERATIONS).toBe(100_000)
  })

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple', { iterations: 1_000 })
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true)
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  it('matches an independent PBKDF2 (node:crypto) on the same salt', async () => {
    const { pbkdf2Sync } = await import('node:crypto')
    const stored = await hashPassword('pässwörd', { iterations: 1_000 })
    const [, iter, salt, hash] = stored.split('$')
    const expected = pbkdf2Sync('pässwörd', Buffer.from(salt ?? '', 'base64'), Number(iter), 32, 'sha256')
    expect(expected.toString('base64')).toBe(hash)
  })

  it('refuses malformed or out-of-range stored hashes, still doing one derivation', async () => {
    let derivations = 0
    const count = () => void derivations++
    for (const bad of [
      'pbkdf2-sha256$100000$AAAA',
      'pbkdf2-sha256$100001$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      'pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      'bcrypt$10$abc$def',
      'pbkdf2-sha256$100000$!!!$AAAA',
    ]) {
      expect(await verifyPassword('x', bad, count)).toBe(false)
    }
    expect(derivations).toBe(5)
  })
})

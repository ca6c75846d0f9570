import { describe, expect, it } from 'vitest'
import { hexBytes, keyA, keyB, keyC, known, leakedIn, randomHexKey } from '../test/fixtures.ts'
import { nobleDerive } from '../test/noble-envelope.ts'
import { CryptoError } from './errors.ts'
import { createKeyring, generateKey, Keyring } from './keyring.ts'

async function keyFormatError(run: () => Promise<unknown>): Promise<CryptoError> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(CryptoError)
  expect((err as CryptoError).code).toBe('ERR_KEY_FORMAT')
  return err as CryptoError
}

describe('createKeyring', () => {
  it('derives the kid of docs/design.md (HKDF-SHA256, empty salt, info alokai/crypto/v1/kid)', async () => {
    const keyring = await createKeyring({ primary: known.kek })
    expect(keyring.primaryKid).toBe(known.kid)
    expect(keyring.primaryKid).toBe(nobleDerive(hexBytes(known.kek)).kid)
    expect(keyring.kids).toEqual([known.kid])
  })

  it('accepts hex in either case and 32-byte arrays, with the same result', async () => {
    const fromLower = await createKeyring({ primary: keyC.toLowerCase() })
    const fromUpper = await createKeyring({ primary: keyC.toUpperCase() })
    const fromBytes = await createKeyring({ primary: hexBytes(keyC.toLowerCase()) })
    expect(fromUpper.primaryKid).toBe(fromLower.primaryKid)
    expect(fromBytes.primaryKid).toBe(fromLower.primaryKid)
  })

  it("leaves a caller's key bytes intact (only hex it decoded itself is wiped)", async () => {
    const bytes = hexBytes(keyA)
    const copy = bytes.slice()
    const fromBytes = await createKeyring({ primary: bytes })
    expect(bytes).toEqual(copy)
    expect(fromBytes.primaryKid).toBe((await createKeyring({ primary: keyA })).primaryKid)
  })

  it('lists the primary kid first, then previous keys, merging duplicates', async () => {
    const a = (await createKeyring({ primary: keyA })).primaryKid
    const b = (await createKeyring({ primary: keyB })).primaryKid
    const keyring = await createKeyring({ primary: keyA, previous: [keyB, keyA, hexBytes(keyB)] })
    expect(keyring.kids).toEqual([a, b])
    expect(keyring.primaryKid).toBe(a)
  })

  it('reads previous keys from a comma-separated env value, skipping blanks', async () => {
    const keyring = await createKeyring({ primary: keyA, previous: ` ${keyB} ,, ${keyC},` })
    expect(keyring.kids).toHaveLength(3)
    expect((await createKeyring({ primary: keyA, previous: '' })).kids).toHaveLength(1)
  })

  it('refuses keys of the wrong length with a message naming the rule, never the key', async () => {
    const short = randomHexKey().slice(0, 63)
    const err = await keyFormatError(() => createKeyring({ primary: short }))
    expect(err.message).toContain('expected 64 hex characters, got 63')
    expect(leakedIn(err, [short])).toEqual([])
    const bytesErr = await keyFormatError(() => createKeyring({ primary: new Uint8Array(16) }))
    expect(bytesErr.message).toContain('expected 32 bytes, got 16')
    const prevErr = await keyFormatError(() => createKeyring({ primary: keyA, previous: [`${keyB}0`] }))
    expect(prevErr.message).toMatch(/previous key 1: expected 64 hex characters, got 65/)
  })

  it('refuses non-hex keys without echoing them', async () => {
    const key = randomHexKey()
    const notHex = `${key.slice(0, 60)}zz${key.slice(62)}`
    const err = await keyFormatError(() => createKeyring({ primary: notHex }))
    expect(leakedIn(err, [notHex])).toEqual([])
  })

  it('throws TypeError for arguments of the wrong type', async () => {
    await expect(createKeyring({ primary: 42 as unknown as string })).rejects.toThrow(TypeError)
    await expect(createKeyring(undefined as unknown as { primary: string })).rejects.toThrow(TypeError)
  })

  it('shows only kids when serialised or stringified', async () => {
    const keyring = await createKeyring({ primary: keyA, previous: [keyB] })
    expect(keyring).toBeInstanceOf(Keyring)
    const shown = `${JSON.stringify(keyring)} ${String(keyring)} ${Object.keys(keyring).join()}`
    expect(shown).not.toContain(keyA)
    expect(shown).not.toContain(keyB)
    expect(JSON.parse(JSON.stringify(keyring))).toEqual({
      primaryKid: keyring.primaryKid,
      kids: keyring.kids,
    })
    expect(Object.isFrozen(keyring.kids)).toBe(true)
  })
})

describe('generateKey', () => {
  it('returns 64 lower-case hex characters, different each time, usable as a primary key', async () => {
    const a = generateKey()
    const b = generateKey()
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(a).not.toBe(b)
    await expect(createKeyring({ primary: a })).resolves.toBeInstanceOf(Keyring)
  })
})

import { describe, expect, it } from 'vitest'
import { hexBytes, keyA, keyB, keyC } from '../test/fixtures.ts'
import { nobleDerive, nobleOpen } from '../test/noble-envelope.ts'
import { CryptoError } from './errors.ts'
import { inspect } from './inspect.ts'
import { createKeyring } from './keyring.ts'
import { open, openText } from './open.ts'
import { reseal } from './reseal.ts'
import { rewrap } from './rewrap.ts'
import { seal } from './seal.ts'

const ctx = { table: 'mcp_tokens', id: '7' }
const parts = (sealed: string) => {
  const payload = sealed.split('.')[2]!
  // base64url of a 60-byte wrap part is exactly 80 characters, so the data part starts at a character boundary.
  return { wrap: payload.slice(0, 80), data: payload.slice(80) }
}

describe('rotation', () => {
  it('opens values sealed under a previous key', async () => {
    const old = await seal(await createKeyring({ primary: keyB }), 'secret', ctx)
    const rotated = await createKeyring({ primary: keyA, previous: [keyB] })
    expect(await openText(rotated, old, ctx)).toBe('secret')
  })

  it('rewrap lands on the primary kid with the data part byte-identical', async () => {
    const old = await seal(await createKeyring({ primary: keyB }), 'secret', ctx)
    const rotated = await createKeyring({ primary: keyA, previous: [keyB] })
    const next = await rewrap(rotated, old, ctx)
    expect(inspect(next).kid).toBe(rotated.primaryKid)
    expect(parts(next).data).toBe(parts(old).data)
    expect(parts(next).wrap).not.toBe(parts(old).wrap)
    expect(await openText(rotated, next, ctx)).toBe('secret')
    // Once the old key is dropped, the rewrapped value still opens (also per the independent implementation).
    expect(await openText(await createKeyring({ primary: keyA }), next, ctx)).toBe('secret')
    expect(new TextDecoder().decode(nobleOpen([nobleDerive(hexBytes(keyA))], next, ctx))).toBe('secret')
  })

  it('rewrap returns a value already under the primary key unchanged', async () => {
    const keyring = await createKeyring({ primary: keyA, previous: [keyB] })
    const sealed = await seal(keyring, 'secret', ctx)
    expect(await rewrap(keyring, sealed, ctx)).toBe(sealed)
  })

  it('rewrap never migrates a corrupted value or one in the wrong context', async () => {
    const old = await seal(await createKeyring({ primary: keyB }), 'secret', ctx)
    const rotated = await createKeyring({ primary: keyA, previous: [keyB] })
    const corrupt = old.slice(0, -3) + (old.at(-3) === 'A' ? 'B' : 'A') + old.slice(-2)
    for (const run of [rewrap(rotated, corrupt, ctx), rewrap(rotated, old, { ...ctx, id: '8' })]) {
      const err = await run.catch((e: unknown) => e)
      expect(err).toBeInstanceOf(CryptoError)
      expect((err as CryptoError).code).toBe('ERR_DECRYPT')
    }
    // Even under the primary key, a corrupt value is refused rather than returned as "done".
    const current = await seal(rotated, 'secret', ctx)
    const bad = current.slice(0, -3) + (current.at(-3) === 'A' ? 'B' : 'A') + current.slice(-2)
    await expect(rewrap(rotated, bad, ctx)).rejects.toMatchObject({ code: 'ERR_DECRYPT' })
  })

  it('reseal changes the wrapped DEK and the data part, under the primary kid', async () => {
    const old = await seal(await createKeyring({ primary: keyB }), 'secret', ctx)
    const rotated = await createKeyring({ primary: keyA, previous: [keyB] })
    const fresh = await reseal(rotated, old, ctx)
    expect(inspect(fresh).kid).toBe(rotated.primaryKid)
    expect(parts(fresh).wrap).not.toBe(parts(old).wrap)
    expect(parts(fresh).data).not.toBe(parts(old).data)
    expect(await openText(await createKeyring({ primary: keyA }), fresh, ctx)).toBe('secret')
    // The old key, with an old dump, opens nothing of the resealed value.
    const oldOnly = await createKeyring({ primary: keyB })
    await expect(open(oldOnly, fresh, ctx)).rejects.toMatchObject({ code: 'ERR_UNKNOWN_KEY' })
  })

  it('reseal gives a new value even when already primary, and refuses what does not open', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const sealed = await seal(keyring, 'secret', ctx)
    const fresh = await reseal(keyring, sealed, ctx)
    expect(fresh).not.toBe(sealed)
    expect(parts(fresh).data).not.toBe(parts(sealed).data)
    await expect(reseal(keyring, sealed, {})).rejects.toMatchObject({ code: 'ERR_DECRYPT' })
  })

  it('walks a full rotation: add the new primary, rewrap everything, drop the old key', async () => {
    const v1 = await createKeyring({ primary: keyB })
    const rows = await Promise.all(['a', 'b', 'c'].map((id) => seal(v1, `s-${id}`, { id })))
    const v2 = await createKeyring({ primary: keyC, previous: keyB })
    const migrated = await Promise.all(rows.map((s, i) => rewrap(v2, s, { id: 'abc'[i]! })))
    const v3 = await createKeyring({ primary: keyC })
    expect(await Promise.all(migrated.map((s, i) => openText(v3, s, { id: 'abc'[i]! })))).toEqual([
      's-a',
      's-b',
      's-c',
    ])
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hexBytes, keyA, keyB, known } from '../test/fixtures.ts'
import { nobleDerive, nobleOpen, nobleSeal } from '../test/noble-envelope.ts'
import { createKeyring } from './keyring.ts'
import { open, openText } from './open.ts'
import { seal } from './seal.ts'

const context = fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'binary' }), {
  maxKeys: 4,
})
// Mostly small values, a few up to 64 KiB: large ones cost time on a shared machine.
const plaintext = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 65_536 }).map((n) => crypto.getRandomValues(new Uint8Array(n))),
  },
)

describe('seal and open', () => {
  it('opens the known-answer value computed independently from docs/design.md', async () => {
    const keyring = await createKeyring({ primary: known.kek })
    expect(await openText(keyring, known.sealed, known.context)).toBe(known.plaintext)
  })

  it('writes v1.<kid>.<payload> with a 60-byte wrap part and a 28-byte data overhead', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const sealed = await seal(keyring, new Uint8Array(64))
    const [version, kid, payload] = sealed.split('.')
    expect(version).toBe('v1')
    expect(kid).toBe(keyring.primaryKid)
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(Math.floor((payload!.length * 3) / 4)).toBe(12 + 32 + 16 + 12 + 64 + 16)
  })

  it('never repeats a sealed value for the same input', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const values = await Promise.all(Array.from({ length: 20 }, () => seal(keyring, 'same')))
    expect(new Set(values).size).toBe(20)
  })

  it('round-trips strings, including the empty string, astral characters and a BOM', async () => {
    const keyring = await createKeyring({ primary: keyA })
    for (const text of ['', 'sk_live_123', 'zażółć 😀', '\uFEFFbom']) {
      expect(await openText(keyring, await seal(keyring, text, { id: '1' }), { id: '1' })).toBe(text)
    }
  })

  it('refuses a plaintext string with a lone surrogate instead of altering it', async () => {
    const keyring = await createKeyring({ primary: keyA })
    await expect(seal(keyring, 'abc\uDC00')).rejects.toThrow(TypeError)
    await expect(seal(keyring, 42 as unknown as string)).rejects.toThrow(TypeError)
    await expect(seal({} as never, 'x')).rejects.toThrow(TypeError)
  })

  it('round-trips random plaintexts (0 B - 64 KiB) and contexts', async () => {
    const keyring = await createKeyring({ primary: keyA, previous: [keyB] })
    await fc.assert(
      fc.asyncProperty(plaintext, context, async (bytes, ctx) => {
        expect(await open(keyring, await seal(keyring, bytes, ctx), ctx)).toEqual(bytes)
      }),
      { numRuns: 25 },
    )
  })
})

describe('cross-implementation (@noble/ciphers + @noble/hashes, written from docs/design.md)', () => {
  const nobleA = nobleDerive(hexBytes(keyA))

  it('opens every value the package seals', async () => {
    const keyring = await createKeyring({ primary: keyA })
    await fc.assert(
      fc.asyncProperty(plaintext, context, async (bytes, ctx) => {
        expect(nobleOpen([nobleA], await seal(keyring, bytes, ctx), ctx)).toEqual(bytes)
      }),
      { numRuns: 25 },
    )
  })

  it('and the package opens every value it seals', async () => {
    const keyring = await createKeyring({ primary: keyB, previous: [keyA] })
    await fc.assert(
      fc.asyncProperty(plaintext, context, async (bytes, ctx) => {
        expect(await open(keyring, nobleSeal(nobleA, bytes, ctx), ctx)).toEqual(bytes)
      }),
      { numRuns: 25 },
    )
  })

  it('agrees that the known-answer value opens', () => {
    const text = new TextDecoder().decode(
      nobleOpen([nobleDerive(hexBytes(known.kek))], known.sealed, known.context),
    )
    expect(text).toBe(known.plaintext)
  })
})

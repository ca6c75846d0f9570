import { decodeBase64url, encodeBase64url } from '@alokai/internal'
import { describe, expect, it } from 'vitest'
import { keyA, keyB, leakedIn, randomHexKey, randomSecret } from '../test/fixtures.ts'
import { CryptoError, type CryptoErrorCode } from './errors.ts'
import { createKeyring } from './keyring.ts'
import { open, openText } from './open.ts'
import { seal } from './seal.ts'

const secret = 'sk_live_TOPSECRET_0123456789'
const ctx = { table: 'api_tokens', column: 'secret', id: 'row-1', space: 'space-1' }

async function codeOf(run: Promise<unknown>): Promise<CryptoErrorCode | 'no error' | string> {
  return run.then(
    () => 'no error',
    (err: unknown) => (err instanceof CryptoError ? err.code : String(err)),
  )
}

function split(sealed: string): { head: string; payload: Uint8Array } {
  const at = sealed.lastIndexOf('.')
  return { head: sealed.slice(0, at + 1), payload: decodeBase64url(sealed.slice(at + 1))! }
}

describe('open refuses altered values', () => {
  it('refuses every single-bit flip of the payload bytes with ERR_DECRYPT', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const sealed = await seal(keyring, 'tiny', ctx)
    const { head, payload } = split(sealed)
    const codes = new Set<string>()
    for (let bit = 0; bit < payload.length * 8; bit++) {
      const flipped = payload.slice()
      flipped[bit >> 3]! ^= 1 << (bit & 7)
      codes.add(await codeOf(open(keyring, head + encodeBase64url(flipped), ctx)))
    }
    expect([...codes]).toEqual(['ERR_DECRYPT'])
    expect(await openText(keyring, sealed, ctx)).toBe('tiny')
  })

  it('refuses every one-character edit of the sealed text', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const sealed = await seal(keyring, 'tiny', ctx)
    const codes = new Set<string>()
    for (let i = 0; i < sealed.length; i++) {
      const c = sealed[i] === 'A' ? 'B' : 'A'
      const edited = sealed.slice(0, i) + c + sealed.slice(i + 1)
      const code = await codeOf(open(keyring, edited, ctx))
      expect(code, `edit at ${i}`).not.toBe('no error')
      codes.add(code)
    }
    expect([...codes].sort()).toEqual(['ERR_DECRYPT', 'ERR_MALFORMED', 'ERR_UNKNOWN_KEY'])
  })

  it('refuses a changed version, a kid of another key in the keyring, and truncation', async () => {
    const keyring = await createKeyring({ primary: keyA, previous: [keyB] })
    const sealed = await seal(keyring, secret, ctx)
    const rest = sealed.slice(`v1.${keyring.primaryKid}`.length)
    expect(await codeOf(open(keyring, `v2${sealed.slice(2)}`, ctx))).toBe('ERR_MALFORMED')
    expect(await codeOf(open(keyring, `V1${sealed.slice(2)}`, ctx))).toBe('ERR_MALFORMED')
    // The kid is authenticated: naming the other (valid) key fails the wrap, it does not try keys.
    expect(await codeOf(open(keyring, `v1.${keyring.kids[1]}${rest}`, ctx))).toBe('ERR_DECRYPT')
    const { head, payload } = split(sealed)
    for (const n of [0, 1, 60, 87, payload.length - 1]) {
      const code = await codeOf(open(keyring, head + encodeBase64url(payload.subarray(0, n)), ctx))
      expect(['ERR_MALFORMED', 'ERR_DECRYPT']).toContain(code)
    }
    expect(await codeOf(open(keyring, `${sealed}.x`, ctx))).toBe('ERR_MALFORMED')
    expect(await codeOf(open(keyring, `${sealed}=`, ctx))).toBe('ERR_MALFORMED')
    expect(await codeOf(open(keyring, '', ctx))).toBe('ERR_MALFORMED')
  })

  it('refuses a value under a key that is not in the keyring with ERR_UNKNOWN_KEY', async () => {
    const sealed = await seal(await createKeyring({ primary: keyB }), secret)
    expect(await codeOf(open(await createKeyring({ primary: keyA }), sealed))).toBe('ERR_UNKNOWN_KEY')
  })
})

describe('open binds the value to its context', () => {
  it('refuses the value in any other context and accepts any key order', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const sealed = await seal(keyring, secret, ctx)
    const others: (Record<string, string> | undefined)[] = [
      { ...ctx, id: 'row-2' },
      { ...ctx, space: 'space-2' },
      { ...ctx, extra: '' },
      { table: ctx.table, column: ctx.column, id: ctx.id },
      {},
      undefined,
    ]
    for (const other of others) expect(await codeOf(open(keyring, sealed, other))).toBe('ERR_DECRYPT')
    const reordered = { space: ctx.space, id: ctx.id, column: ctx.column, table: ctx.table }
    expect(await openText(keyring, sealed, reordered)).toBe(secret)
  })

  it('keeps {a:"b,c"} and {a:"b",c:""} apart', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const sealed = await seal(keyring, secret, { a: 'b,c' })
    expect(await codeOf(open(keyring, sealed, { a: 'b', c: '' }))).toBe('ERR_DECRYPT')
    expect(await openText(keyring, sealed, { a: 'b,c' })).toBe(secret)
  })

  it('treats an omitted context as {}', async () => {
    const keyring = await createKeyring({ primary: keyA })
    expect(await openText(keyring, await seal(keyring, secret), {})).toBe(secret)
    expect(await openText(keyring, await seal(keyring, secret, {}))).toBe(secret)
  })
})

describe('errors reveal nothing', () => {
  it('uses one fixed message for every decryption failure, free of key, plaintext and ciphertext', async () => {
    // Random keys and plaintext: fixed ones (00 01 02 …) could sit in a path or a word by chance.
    const [primary, other, plaintext] = [randomHexKey(), randomHexKey(), randomSecret()]
    const keyring = await createKeyring({ primary })
    const sealed = await seal(keyring, plaintext, ctx)
    const payload = sealed.split('.')[2]!
    const failures = await Promise.all([
      open(keyring, sealed, { ...ctx, id: 'other' }).catch((e: unknown) => e),
      open(await createKeyring({ primary: other }), `v1.${keyring.primaryKid}.x`).catch((e: unknown) => e),
      open(await createKeyring({ primary: other }), sealed, ctx).catch((e: unknown) => e),
      open(keyring, `${sealed.slice(0, -2)}AA`, ctx).catch((e: unknown) => e),
    ])
    const messages = new Set<string>()
    for (const err of failures) {
      expect(err).toBeInstanceOf(CryptoError)
      expect(leakedIn(err, [primary, other, plaintext, payload])).toEqual([])
      if ((err as CryptoError).code === 'ERR_DECRYPT') messages.add((err as Error).message)
    }
    expect(messages.size).toBe(1)
  })

  it('openText refuses bytes that are not UTF-8 instead of replacing them', async () => {
    const keyring = await createKeyring({ primary: keyA })
    const sealed = await seal(keyring, Uint8Array.of(0x66, 0xff, 0x6f))
    expect(await codeOf(openText(keyring, sealed))).toBe('ERR_MALFORMED')
    expect(await open(keyring, sealed)).toEqual(Uint8Array.of(0x66, 0xff, 0x6f))
  })

  it('throws TypeError for a sealed value that is not a string', async () => {
    const keyring = await createKeyring({ primary: keyA })
    await expect(open(keyring, 42 as unknown as string)).rejects.toThrow(TypeError)
  })
})

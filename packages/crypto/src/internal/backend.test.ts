/**
 * The two backends write and read the same sealed format, byte for byte: a value sealed on one opens on
 * the other (every ordered pair where both run), the known answer computed outside the repository opens
 * on each, tampering is refused on each, and each backend's base64url codec gives exactly the answers of
 * `@alokai/internal`'s strict decoder.
 */
import { decodeBase64url, encodeBase64url } from '@alokai/internal'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BACKENDS } from '../../test/backends.ts'
import { keyA, known } from '../../test/fixtures.ts'
import { createKeyring } from '../keyring.ts'
import { openResolved } from '../open.ts'
import { sealBytes } from '../seal.ts'
import type { SealContext } from '../seal-context.ts'
import type { CryptoBackend } from './backend.ts'
import { encodeContext } from './context.ts'
import { resolveSealed } from './resolve.ts'

const keyring = await createKeyring({ primary: keyA })
const context: SealContext = { table: 'api_tokens', column: 'secret', id: '42' }
const pairs = BACKENDS.flatMap(([sealName, sealer]) =>
  BACKENDS.map(([openName, opener]) => [sealName, sealer, openName, opener] as const),
)

async function openOn(
  backend: CryptoBackend,
  sealed: string,
  ctx: SealContext | undefined,
): Promise<Uint8Array> {
  return openResolved(resolveSealed(keyring, sealed, ctx, backend), backend)
}

describe.each(pairs)('a value sealed on %s', (_sealName, sealer, _openName, opener) => {
  it(`opens on ${_openName}, for plaintexts of 0 to 5000 bytes`, async () => {
    for (const size of [0, 1, 15, 16, 17, 64, 4096, 5000]) {
      const plaintext = crypto.getRandomValues(new Uint8Array(size))
      const sealed = await sealBytes(keyring, plaintext, encodeContext(context), sealer)
      expect(await openOn(opener, sealed, context)).toEqual(plaintext)
    }
  })

  it(`is refused on ${_openName} under another context or with a flipped byte`, async () => {
    const sealed = await sealBytes(keyring, new Uint8Array(64), encodeContext(context), sealer)
    await expect(openOn(opener, sealed, { ...context, id: '43' })).rejects.toMatchObject({
      code: 'ERR_DECRYPT',
    })
    const bytes = opener.decodeBase64url(sealed.slice(12))!
    for (const at of [0, 20, 60, 72, bytes.length - 1]) {
      const flipped = Uint8Array.from(bytes)
      flipped[at]! ^= 1
      const text = `${sealed.slice(0, 12)}${encodeBase64url(flipped)}`
      await expect(openOn(opener, text, context)).rejects.toMatchObject({ code: 'ERR_DECRYPT' })
    }
  })
})

describe.each(BACKENDS)('the %s backend', (_name, backend) => {
  it('opens the known answer computed with Python cryptography (OpenSSL)', async () => {
    const opened = await openOn(backend, known.sealed, known.context)
    expect(new TextDecoder().decode(opened)).toBe(known.plaintext)
  })

  it('opens into a plain Uint8Array whose buffer holds the plaintext and nothing else', async () => {
    const sealed = await sealBytes(keyring, new Uint8Array(5), encodeContext(context), backend)
    const opened = await openOn(backend, sealed, context)
    expect(Object.getPrototypeOf(opened)).toBe(Uint8Array.prototype)
    expect(opened.buffer.byteLength).toBe(5)
  })

  it('decodes base64url exactly as the shared strict decoder does', () => {
    const nearMiss = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .\n'.split(''),
    )
    fc.assert(
      fc.property(fc.array(nearMiss, { maxLength: 16 }), (chars) => {
        const text = chars.join('')
        const ours = backend.decodeBase64url(text)
        const shared = decodeBase64url(text)
        expect(ours === undefined).toBe(shared === undefined)
        if (ours !== undefined) expect(new Uint8Array(ours)).toEqual(shared)
      }),
      { numRuns: 2000 },
    )
  })

  it('encodes base64url exactly as the shared encoder does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(backend.encodeBase64url(bytes)).toBe(encodeBase64url(bytes))
      }),
      { numRuns: 300 },
    )
  })
})

import { describe, expect, it } from 'vitest'
import vectors from '../../../../test-vectors/wycheproof/aes_gcm_test.json'
import { BACKENDS } from '../../test/backends.ts'
import { DecryptError } from '../errors.ts'
import { aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm.ts'
import type { AesKey, CryptoBackend } from './backend.ts'
import { decodeHex, encodeHex } from './hex.ts'

const hex = (text: string): Uint8Array => decodeHex(text)!

const cases = vectors.testGroups.flatMap((group) =>
  group.tests.map((test) => ({
    ...test,
    ivSize: group.ivSize,
    tagSize: group.tagSize,
    keySize: group.keySize,
  })),
)
const inScope = cases.filter((c) => c.ivSize === 96 && c.tagSize === 128)
const outOfScope = cases.filter((c) => c.ivSize !== 96)

// A keyring's wrapping key is a non-extractable CryptoKey; a data key is raw bytes. Both kinds, every case.
const keyKinds: ReadonlyArray<readonly [string, (raw: Uint8Array) => Promise<AesKey>]> = [
  ['raw bytes', async (raw) => raw],
  [
    'a non-extractable CryptoKey',
    (raw) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
  ],
]

async function disagreements(backend: CryptoBackend, keyOf: (raw: Uint8Array) => Promise<AesKey>) {
  const found: number[] = []
  for (const c of inScope) {
    const key = await keyOf(hex(c.key))
    const sealed = hex(c.ct + c.tag)
    const opened = await Promise.resolve()
      .then(() => aesGcmDecrypt(key, hex(c.iv), sealed, hex(c.aad), backend))
      .then(
        (pt) => encodeHex(pt),
        (err: unknown) => {
          expect(err).toBeInstanceOf(DecryptError)
          return undefined
        },
      )
    if (c.result === 'valid') {
      const encrypted = encodeHex(await aesGcmEncrypt(key, hex(c.iv), hex(c.msg), hex(c.aad), backend))
      if (opened !== c.msg || encrypted !== c.ct + c.tag) found.push(c.tcId)
    } else if (opened !== undefined) found.push(c.tcId)
  }
  return found
}

describe('AES-GCM layer against Wycheproof aes_gcm_test.json', () => {
  it('has the 197 cases with a 96-bit nonce and a 128-bit tag in scope', () => {
    expect(inScope).toHaveLength(197)
    expect(outOfScope).toHaveLength(vectors.numberOfTests - 197)
  })

  describe.each(BACKENDS)('on the %s backend', (_name, backend) => {
    it.each(keyKinds)(
      'agrees with every in-scope case (encrypt and decrypt), the key as %s',
      async (_kind, keyOf) => {
        expect(await disagreements(backend, keyOf)).toEqual([])
      },
    )

    it('refuses every other nonce size up front as unsupported', () => {
      for (const c of outOfScope) {
        const key = hex(c.key)
        expect(() => aesGcmEncrypt(key, hex(c.iv), hex(c.msg), hex(c.aad), backend)).toThrow(RangeError)
        expect(() => aesGcmDecrypt(key, hex(c.iv), hex(c.ct + c.tag), hex(c.aad), backend)).toThrow(
          /unsupported AES-GCM nonce/,
        )
      }
    })
  })
})

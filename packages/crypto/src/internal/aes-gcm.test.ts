import { describe, expect, it } from 'vitest'
import vectors from '../../../../test-vectors/wycheproof/aes_gcm_test.json'
import { DecryptError } from '../errors.ts'
import { aesGcmDecrypt, aesGcmEncrypt, importAesGcmKey } from './aes-gcm.ts'
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

describe('AES-GCM layer against Wycheproof aes_gcm_test.json', () => {
  it('has the 197 cases with a 96-bit nonce and a 128-bit tag in scope', () => {
    expect(inScope).toHaveLength(197)
    expect(outOfScope).toHaveLength(vectors.numberOfTests - 197)
  })

  it('agrees with every in-scope case (encrypt and decrypt)', async () => {
    const disagreements: number[] = []
    for (const c of inScope) {
      const key = await importAesGcmKey(hex(c.key), ['encrypt', 'decrypt'])
      const sealed = hex(c.ct + c.tag)
      const opened = await aesGcmDecrypt(key, hex(c.iv), sealed, hex(c.aad)).then(
        (pt) => encodeHex(pt),
        (err: unknown) => {
          expect(err).toBeInstanceOf(DecryptError)
          return undefined
        },
      )
      if (c.result === 'valid') {
        const encrypted = encodeHex(await aesGcmEncrypt(key, hex(c.iv), hex(c.msg), hex(c.aad)))
        if (opened !== c.msg || encrypted !== c.ct + c.tag) disagreements.push(c.tcId)
      } else if (opened !== undefined) disagreements.push(c.tcId)
    }
    expect(disagreements).toEqual([])
  })

  it('refuses every other nonce size up front as unsupported', async () => {
    for (const c of outOfScope) {
      const key = await importAesGcmKey(hex(c.key), ['encrypt', 'decrypt'])
      await expect(aesGcmEncrypt(key, hex(c.iv), hex(c.msg), hex(c.aad))).rejects.toThrow(RangeError)
      await expect(aesGcmDecrypt(key, hex(c.iv), hex(c.ct + c.tag), hex(c.aad))).rejects.toThrow(
        /unsupported AES-GCM nonce/,
      )
    }
  })
})

import { constantTimeEqual } from '@alokai/internal'
import { describe, expect, it } from 'vitest'
import vectors from '../../../../test-vectors/wycheproof/hmac_sha256_test.json'
import { BACKENDS } from '../../test/backends.ts'
import { decodeHex } from './hex.ts'

const hex = (text: string): Uint8Array => decodeHex(text)!

describe.each(BACKENDS)(
  "the probe's HMAC on the %s backend against Wycheproof hmac_sha256_test.json",
  (_name, backend) => {
    it('agrees with all 174 cases (full and truncated tags), comparing in constant time', async () => {
      const cases = vectors.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, tagBytes: g.tagSize / 8 })))
      expect(cases).toHaveLength(174)
      const disagreements: number[] = []
      for (const c of cases) {
        const mac = (await backend.hmacSha256(hex(c.key), hex(c.msg))).subarray(0, c.tagBytes)
        const matches = constantTimeEqual(mac, hex(c.tag))
        if (matches !== (c.result === 'valid')) disagreements.push(c.tcId)
      }
      expect(disagreements).toEqual([])
    })
  },
)

describe('constantTimeEqual', () => {
  it('compares contents and lengths', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true)
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false)
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false)
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true)
  })
})

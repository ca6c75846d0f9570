import { describe, expect, it } from 'vitest'
import { CryptoError } from '../errors.ts'
import { dedupeKeys } from './dedupe-keys.ts'

const entry = (kid: string, byte: number, tag = '') => ({ kid, bytes: new Uint8Array(32).fill(byte), tag })

describe('dedupeKeys', () => {
  it('merges identical keys and keeps the first (the primary) in order', () => {
    const out = dedupeKeys([
      entry('k1', 1, 'primary'),
      entry('k2', 2),
      entry('k1', 1, 'again'),
      entry('k3', 3),
    ])
    expect(out.map((e) => [e.kid, e.tag])).toEqual([
      ['k1', 'primary'],
      ['k2', ''],
      ['k3', ''],
    ])
  })

  it('refuses two different keys that share a kid, naming the kid and not the keys', () => {
    let caught: unknown
    try {
      dedupeKeys([entry('samekid1', 0xaa), entry('samekid1', 0xbb)])
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(CryptoError)
    expect((caught as CryptoError).code).toBe('ERR_KEY_FORMAT')
    expect((caught as Error).message).toContain('samekid1')
    expect((caught as Error).message).not.toMatch(/aa|bb|170|187/)
  })
})

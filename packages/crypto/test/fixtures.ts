/**
 * Fixed test keys and a known-answer sealed value. The known answer was computed outside this
 * repository with Python's `cryptography` (OpenSSL) from docs/design.md, with fixed DEK and nonces:
 * KEK = 00 01 … 1f, DEK = (0xd0 + i % 16), wrapNonce = a0×12, nonce = b0×12,
 * context { table: 'api_tokens', id: '42', space: 'été' }, plaintext 'sk_live_☃ secret'.
 */
export const keyA = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'
export const keyB: string = 'b'.repeat(64)
export const keyC: string = `${'C0FFEE'.repeat(10)}c0ff`

export const known: {
  kek: string
  kid: string
  context: Record<string, string>
  plaintext: string
  sealed: string
  dataAadHex: string
} = {
  kek: keyA,
  kid: 'Zy--_4-t',
  context: { table: 'api_tokens', id: '42', space: 'été' },
  plaintext: 'sk_live_☃ secret',
  sealed:
    'v1.Zy--_4-t.oKCgoKCgoKCgoKCgOCD-3lmgkbbaih55Q8787NMBfdhS2EaTUZJ_bZhsFnXoyTnkLLrcg3gmnUI6C59GsLCwsLCwsLCwsLCws4ntflYyksRKwag-Ux-zQLrdj3b-vYE6YruFHIZafjmm6A',
  dataAadHex:
    '616c6f6b61692f63727970746f2f76312f6461746100000269640000000234320005737061636500000005c3a974c3a900057461626c650000000a6170695f746f6b656e73',
}

/** Bytes from hex, for tests. */
export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16))
}

/** What a caller sees of an error, searched for secrets: shared by every package's tests. */
export { leakedIn, randomHexKey, randomSecret } from '../../../test-support/no-leak.ts'

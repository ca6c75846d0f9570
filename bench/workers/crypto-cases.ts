/**
 * The crypto bench cases, shared by the Node suite and the workerd bench worker: seal and open of a
 * 64-byte secret and a 4 KiB value through the package, the direct `crypto.subtle` envelope (the
 * floor) and the same envelope on `@noble/ciphers`. Everything is built lazily: workerd refuses
 * random values at module scope.
 */
import { createKeyring, open, seal } from '@alokai/crypto'
import { createNobleEnvelope } from './crypto-noble-envelope.ts'
import { createSubtleEnvelope, type Envelope } from './crypto-subtle-envelope.ts'

export const kekHex = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'
export const kek: Uint8Array<ArrayBuffer> = Uint8Array.from(kekHex.match(/../g)!, (h) =>
  Number.parseInt(h, 16),
)
export const context: Record<string, string> = { table: 'api_tokens', column: 'secret', id: '42' }
export const sizes = { '64 B': 64, '4 KiB': 4096 } as const
export type Size = keyof typeof sizes

export type Op = () => unknown
/** Case name ("seal 64 B: package") → one operation. */
export type Cases = Record<string, Op>

/** Builds the named cases of one implementation: seal and open of each size. */
export async function envelopeCases(impl: string, env: Envelope): Promise<Cases> {
  const cases: Cases = {}
  for (const [size, n] of Object.entries(sizes)) {
    const plaintext = crypto.getRandomValues(new Uint8Array(n))
    const sealed = await env.seal(plaintext, context)
    cases[`seal ${size}: ${impl}`] = () => env.seal(plaintext, context)
    cases[`open ${size}: ${impl}`] = () => env.open(sealed, context)
  }
  return cases
}

/** The cases every runtime runs: package, direct Web Crypto envelope, noble. */
export async function sharedCases(): Promise<Cases> {
  const keyring = await createKeyring({ primary: kekHex })
  const pkg: Envelope = { seal: (p, c) => seal(keyring, p, c), open: (s, c) => open(keyring, s, c) }
  return {
    ...(await envelopeCases('package', pkg)),
    ...(await envelopeCases('crypto.subtle', await createSubtleEnvelope(kek))),
    ...(await envelopeCases('noble', createNobleEnvelope(kek))),
  }
}

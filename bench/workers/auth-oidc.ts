/**
 * Bench worker for `@alokai/auth-oidc`: `GET /?case=<alg>:<impl>&n=<N>` verifies one warm token N times.
 * Keys and tokens are made on the first request (workerd refuses random values at module scope); only
 * finished values are kept between requests, never a promise.
 */
import {
  checkedOidcHeader,
  oidcPayloadByHand,
  signedFixture,
  splitOidcByHand,
  type VerifierCases,
  verifierCases,
} from '../src/fixtures/auth-oidc.ts'

type Fixture = VerifierCases & { token: string; floor: () => Promise<boolean> }

const fixtures = new Map<string, Fixture>()

type FromBase64 = (text: string, options: { alphabet: 'base64url' }) => Uint8Array<ArrayBuffer>
type ToBase64 = (this: Uint8Array, options: { alphabet: 'base64url'; omitPadding: true }) => string
// workerd's native TC39 codec, as the package's web backend decodes.
const fromBase64 = (Uint8Array as unknown as { fromBase64: FromBase64 }).fromBase64
const toBase64 = (Uint8Array.prototype as unknown as { toBase64: ToBase64 }).toBase64

/** Strict base64url: canonical exactly when the bytes re-encode to the text. */
function strictDecode(text: string): Uint8Array<ArrayBuffer> | undefined {
  let bytes: Uint8Array<ArrayBuffer>
  try {
    bytes = fromBase64(text, { alphabet: 'base64url' })
  } catch {
    return undefined
  }
  return toBase64.call(bytes, { alphabet: 'base64url', omitPadding: true }) === text ? bytes : undefined
}

async function makeFixture(alg: 'RS256' | 'ES256'): Promise<Fixture> {
  const fx = await signedFixture(alg)
  const subtleAlg = alg === 'RS256' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' }
  const encoder = new TextEncoder()
  const header = checkedOidcHeader(fx.token, alg, strictDecode)
  // The raw floor: a hand-written verifier for this one key, with exactly the package's checks.
  const floor = async () => {
    const jws = splitOidcByHand(fx.token, header, alg, strictDecode)
    const ok = await crypto.subtle.verify(
      subtleAlg,
      fx.publicKey,
      jws.signature,
      encoder.encode(jws.signingInput),
    )
    if (!ok) throw new Error('floor failed')
    oidcPayloadByHand(jws.payload, alg, strictDecode, Math.floor(Date.now() / 1000))
    return true
  }
  await floor()
  return { token: fx.token, floor, ...(await verifierCases(alg, fx)) }
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const [alg, impl] = (url.searchParams.get('case') ?? '').split(':') as [string, keyof Fixture]
    const n = Number(url.searchParams.get('n') ?? 0)
    if ((alg !== 'RS256' && alg !== 'ES256') || !['floor', 'jose', 'aws', 'pkg'].includes(impl)) {
      return new Response('unknown case', { status: 400 })
    }
    let fixture = fixtures.get(alg)
    if (fixture === undefined) {
      fixture = await makeFixture(alg)
      fixtures.set(alg, fixture)
    }
    const run = fixture[impl] as () => Promise<unknown>
    for (let i = 0; i < n; i++) await run()
    return new Response('ok')
  },
}

/**
 * Bench worker for `@alokai/auth-oidc`: `GET /?case=<alg>:<impl>&n=<N>` verifies one warm token N times.
 * Keys and tokens are made on the first request (workerd refuses random values at module scope); only
 * finished values are kept between requests, never a promise.
 */
import { floorClaimsOk, signedFixture, type VerifierCases, verifierCases } from '../src/fixtures/auth-oidc.ts'

type Fixture = VerifierCases & { token: string; floor: () => Promise<boolean> }

const fixtures = new Map<string, Fixture>()

function b64urlDecode(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

async function makeFixture(alg: 'RS256' | 'ES256'): Promise<Fixture> {
  const fx = await signedFixture(alg)
  const subtleAlg = alg === 'RS256' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' }
  const encoder = new TextEncoder()
  const decoder = new TextDecoder()
  // The raw floor: what a hand-written verifier for this one key does (split, decode, verify, parse, check).
  const floor = async () => {
    const [h, p, s] = fx.token.split('.') as [string, string, string]
    const ok = await crypto.subtle.verify(
      subtleAlg,
      fx.publicKey,
      b64urlDecode(s),
      encoder.encode(`${h}.${p}`),
    )
    const header: unknown = JSON.parse(decoder.decode(b64urlDecode(h)))
    const payload: unknown = JSON.parse(decoder.decode(b64urlDecode(p)))
    if (!ok || !floorClaimsOk(header, payload, alg, Math.floor(Date.now() / 1000)))
      throw new Error('floor failed')
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

/**
 * Wycheproof's JWS and JWK vectors (the asymmetric groups) through the verifier, each group's public key
 * served as the issuer's JWKS. The vectors' payloads are not JWT claims sets ("foo", RFC 7520 prose), so a
 * vector counts as accepted when verification gets past the signature and fails only on the claims
 * (`ERR_JWT_CLAIM_VALIDATION_FAILED`) or on a payload that is not a claims set (`ERR_JWT_INVALID` with
 * that detail); every other refusal counts as rejected.
 */
import { describe, expect, it } from 'vitest'
import jwkVectors from '../../../test-vectors/wycheproof/json_web_key_test.json'
import jwsVectors from '../../../test-vectors/wycheproof/json_web_signature_test.json'
import { isOidcError, type OidcAlgorithm } from '../src/index.ts'
import { PAYLOAD_NOT_CLAIMS } from '../src/internal/verifier.ts'
import { type Backend, backends, verifierOn } from './backends.ts'

interface Vector {
  tcId: number | string
  comment: string
  jws: unknown
  result: string
}
interface Group {
  comment: string
  public?: { keys?: unknown[] } & Record<string, unknown>
  tests: Vector[]
}

const all: OidcAlgorithm[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]

/**
 * Where this verifier's answer differs from the file's label, and why. Each is asserted, not skipped.
 * - RFC 7520 Figure 20 (PS384 token) and Figure 27 (ES512 token): the group's JWK carries `"alg": "PS256"`
 *   and `"alg": "ES521"` (the RFC's key with an alg the vector file added). A JWK `alg` that differs from
 *   the token's is refused by design: RFC 7517 §4.4 says `alg` names the algorithm the key is for.
 */
const overrides: Record<string, { result: 'valid' | 'invalid'; why: string }> = {
  'jws:346': { result: 'invalid', why: 'JWK alg PS256 differs from token alg PS384' },
  'jws:350': { result: 'invalid', why: 'JWK alg PS256 differs from token alg PS384' },
  'jws:347': { result: 'invalid', why: 'JWK alg "ES521" differs from token alg ES512' },
  'jws:351': { result: 'invalid', why: 'JWK alg "ES521" differs from token alg ES512' },
}

async function outcome(backend: Backend, jwks: unknown, token: unknown): Promise<'valid' | 'invalid'> {
  const fetch = async () =>
    new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json' } })
  const verifier = verifierOn(backend, {
    issuer: 'https://issuer.test',
    audience: 'https://audience.test',
    jwksUri: 'https://issuer.test/jwks',
    algorithms: all,
    fetch,
  })
  try {
    await verifier.verify(token as string)
    return 'valid'
  } catch (err) {
    if (!isOidcError(err)) throw err
    // Past the signature: the claims failed, or the payload is not a claims set at all.
    const signed = err.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' || err.detail === PAYLOAD_NOT_CLAIMS
    return signed ? 'valid' : 'invalid'
  }
}

function cases(file: string, groups: Group[]) {
  return groups
    .filter((g) => g.public !== undefined)
    .flatMap((g) =>
      g.tests.map((t) => {
        const id = `${file}:${t.tcId}`
        const jwks = Array.isArray(g.public?.keys) ? g.public : { keys: [g.public] }
        const expected = overrides[id]?.result ?? t.result
        return { id, name: `${id} ${g.comment} ${t.comment}`, jwks, jws: t.jws, expected }
      }),
    )
}

const jws = cases('jws', jwsVectors.testGroups as unknown as Group[])
const jwk = cases('jwk', jwkVectors.testGroups as unknown as Group[])

describe.each(backends)('Wycheproof JWS and JWK vectors (asymmetric groups) on the $name path', (backend) => {
  it('covers every asymmetric vector', () => {
    expect(jws.length).toBeGreaterThan(350)
    expect(jwk.length).toBe(11)
  })

  it('agrees with every JWS vector (overrides documented above)', async () => {
    const wrong: string[] = []
    for (const c of jws) if ((await outcome(backend, c.jwks, c.jws)) !== c.expected) wrong.push(c.name)
    expect(wrong).toEqual([])
  })

  it('agrees with every JWK vector: wrong use, alg, curve, kty, small or ROCA RSA keys are refused', async () => {
    const wrong: string[] = []
    for (const c of jwk) if ((await outcome(backend, c.jwks, c.jws)) !== c.expected) wrong.push(c.name)
    expect(wrong).toEqual([])
  })
})

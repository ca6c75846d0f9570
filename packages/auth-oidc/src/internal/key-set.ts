/**
 * A parsed JWKS and the rules for picking a key for a token. Only the public members of each JWK are kept,
 * and a key that publishes a private member is marked so the key policy refuses it: whoever reads that
 * JWKS holds the signing key, so nothing it signs proves anything (jose refuses such keys too). A key is a
 * candidate for a token when its type fits the token's algorithm, its `kid` equals the token's, its `use`
 * (if present) is `sig`, its `key_ops` (if present) include `verify` and its `alg` (if present) equals the
 * token's. Exactly one candidate is required: with two, which one the IdP meant is a guess.
 */
import { JWKSInvalid } from '../errors.ts'
import type { OidcAlgorithm } from '../oidc-algorithm.ts'
import { keyRequirements } from './algorithms.ts'

/** The public part of a JWK, with a stable id naming its key material (for the import cache). */
export interface PublicJwk {
  readonly kty: string
  readonly kid: string | undefined
  readonly use: unknown
  readonly keyOps: unknown
  readonly alg: unknown
  readonly material: Readonly<Record<string, string>>
  /** Whether the published JWK carries a private member (`d`, `p`, `k`, …): such a key is refused. */
  readonly exposesPrivate: boolean
  readonly id: string
}

// An IdP publishes a handful of keys; a JWKS with thousands is hostile, and each one would be a candidate.
const MAX_KEYS = 100
// RFC 7518 §6.2.2, §6.3.2 and §6.4, and RFC 8037's `d`: members only a private (or secret) key has.
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'] as const
const materialMembers: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
}

function toPublicJwk(raw: unknown): PublicJwk | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined
  const jwk = raw as Record<string, unknown>
  const kty = jwk.kty
  const members = typeof kty === 'string' ? materialMembers[kty] : undefined
  if (typeof kty !== 'string' || members === undefined) return undefined
  const material: Record<string, string> = { kty }
  for (const m of members) {
    const v = jwk[m]
    if (typeof v !== 'string' || v.length === 0) return undefined
    material[m] = v
  }
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined
  const id = JSON.stringify(members.map((m) => material[m]))
  const exposesPrivate = privateMembers.some((m) => Object.hasOwn(jwk, m))
  return {
    kty,
    kid,
    use: jwk.use,
    keyOps: jwk.key_ops,
    alg: jwk.alg,
    material,
    exposesPrivate,
    id: `${kty}:${id}`,
  }
}

function fits(jwk: PublicJwk, alg: OidcAlgorithm): boolean {
  const need = keyRequirements[alg]
  if (jwk.kty !== need.kty || (need.crv !== undefined && jwk.material.crv !== need.crv)) return false
  if (jwk.use !== undefined && jwk.use !== 'sig') return false
  if (jwk.keyOps !== undefined && !(Array.isArray(jwk.keyOps) && jwk.keyOps.includes('verify'))) return false
  return jwk.alg === undefined || jwk.alg === alg
}

/** A parsed JWKS. */
export class KeySet {
  readonly keys: readonly PublicJwk[]
  readonly #kids: ReadonlySet<string | undefined>

  constructor(keys: readonly PublicJwk[]) {
    this.keys = keys
    this.#kids = new Set(keys.map((k) => k.kid))
  }

  /** Parses a JWKS document; keys of unknown types or with missing members are skipped. */
  static parse(json: unknown): KeySet {
    const keys = (json as { keys?: unknown } | null)?.keys
    if (!Array.isArray(keys)) throw new JWKSInvalid({ detail: 'JWKS has no "keys" array' })
    const parsed: PublicJwk[] = []
    for (const raw of keys.slice(0, MAX_KEYS)) {
      const jwk = toPublicJwk(raw)
      if (jwk !== undefined) parsed.push(jwk)
    }
    return new KeySet(parsed)
  }

  /** Whether any key carries this `kid` (fit aside): if none does, a refresh may help. */
  hasKid(kid: string | undefined): boolean {
    return kid === undefined ? this.keys.length > 0 : this.#kids.has(kid)
  }

  /** The one key fit for (`kid`, `alg`); `undefined` when none or more than one fits. */
  find(kid: string | undefined, alg: OidcAlgorithm): PublicJwk | undefined {
    let found: PublicJwk | undefined
    for (const jwk of this.keys) {
      if (kid !== undefined && jwk.kid !== kid) continue
      if (!fits(jwk, alg)) continue
      if (found !== undefined) return undefined
      found = jwk
    }
    return found
  }
}

/**
 * Checks and normalises the options of `createSessionIssuer`, so a misconfigured service fails at start-up
 * with a message naming the option (never its value) instead of minting unverifiable tokens later.
 */
import { assertSessionSecret, type SessionEnvironment } from '../secret-policy.ts'
import type { ClaimsSchema, CustomClaims, SessionIssuerOptions } from '../types.ts'

/** The options after defaults and checks. */
export interface ResolvedOptions<C extends CustomClaims> {
  /** Current secret first, then the previous ones, duplicates removed. */
  secrets: string[]
  issuer: string
  audience: string
  /** The exact header `typ` written and required. */
  typ: string
  ttlSeconds: number
  clockToleranceSeconds: number
  maxTokenBytes: number
  claimsSchema: ClaimsSchema<C> | undefined
}

const ENVIRONMENTS: ReadonlySet<string> = new Set(['development', 'staging', 'production'])
/** The `typ` when none is configured: explicit (RFC 8725 §3.11) but naming no particular service. */
const DEFAULT_TYP = 'session+jwt'

// An RFC 7230 token (media-type shaped values such as `cms-session+jwt` fit): nothing that needs escaping.
const TYP_SHAPE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z/]{1,64}$/

/** A JWT over 64 KiB is no session token; the cap also bounds the work done on hostile input. */
const MAX_TOKEN_BYTES_LIMIT = 65_536

function nonEmptyString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${name} must be a non-empty string`)
  return value
}

function integerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max}`)
  }
  return value
}

/** Validates the options; throws `TypeError` for wrong shapes and `SecretWeak` for refused secrets. */
export function resolveOptions<C extends CustomClaims>(options: SessionIssuerOptions<C>): ResolvedOptions<C> {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object')
  const environment: SessionEnvironment = options.environment ?? 'production'
  if (!ENVIRONMENTS.has(environment)) {
    throw new TypeError('environment must be "development", "staging" or "production"')
  }
  const placeholder = options.devPlaceholderSecret
  if (placeholder !== undefined && typeof placeholder !== 'string') {
    throw new TypeError('devPlaceholderSecret must be a string')
  }
  assertSessionSecret(options.secret, 'secret', environment, placeholder)
  const previous = options.previousSecrets ?? []
  if (!Array.isArray(previous)) throw new TypeError('previousSecrets must be an array of strings')
  for (const [i, secret] of previous.entries()) {
    assertSessionSecret(secret, `previousSecrets[${i}]`, environment, placeholder)
  }
  const typ = options.typ ?? DEFAULT_TYP
  if (typeof typ !== 'string' || !TYP_SHAPE.test(typ)) {
    throw new TypeError('typ must be 1 to 64 token characters (e.g. "session+jwt")')
  }
  const schema = options.claimsSchema
  if (schema !== undefined && typeof schema?.parse !== 'function') {
    throw new TypeError('claimsSchema must have a parse(input) method')
  }
  return {
    secrets: [...new Set([options.secret, ...previous])],
    issuer: nonEmptyString(options.issuer, 'issuer'),
    audience: nonEmptyString(options.audience, 'audience'),
    typ,
    ttlSeconds: integerIn(options.ttlSeconds, 'ttlSeconds', 1, 366 * 86_400),
    clockToleranceSeconds: integerIn(options.clockToleranceSeconds ?? 5, 'clockToleranceSeconds', 0, 300),
    maxTokenBytes: integerIn(options.maxTokenBytes ?? 8192, 'maxTokenBytes', 256, MAX_TOKEN_BYTES_LIMIT),
    claimsSchema: schema,
  }
}

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
  ttlSeconds: number
  clockToleranceSeconds: number
  maxTokenBytes: number
  claimsSchema: ClaimsSchema<C> | undefined
}

const ENVIRONMENTS: ReadonlySet<string> = new Set(['development', 'staging', 'production'])
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
  assertSessionSecret(options.secret, 'secret', environment)
  const previous = options.previousSecrets ?? []
  if (!Array.isArray(previous)) throw new TypeError('previousSecrets must be an array of strings')
  for (const [i, secret] of previous.entries()) {
    assertSessionSecret(secret, `previousSecrets[${i}]`, environment)
  }
  const schema = options.claimsSchema
  if (schema !== undefined && typeof schema?.parse !== 'function') {
    throw new TypeError('claimsSchema must have a parse(input) method')
  }
  return {
    secrets: [...new Set([options.secret, ...previous])],
    issuer: nonEmptyString(options.issuer, 'issuer'),
    audience: nonEmptyString(options.audience, 'audience'),
    ttlSeconds: integerIn(options.ttlSeconds, 'ttlSeconds', 1, 366 * 86_400),
    clockToleranceSeconds: integerIn(options.clockToleranceSeconds ?? 5, 'clockToleranceSeconds', 0, 300),
    maxTokenBytes: integerIn(options.maxTokenBytes ?? 8192, 'maxTokenBytes', 256, MAX_TOKEN_BYTES_LIMIT),
    claimsSchema: schema,
  }
}

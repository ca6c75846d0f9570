/**
 * What a session secret must be. HS256 is only as strong as its key: a short or published secret lets
 * anyone mint sessions. The rules are deliberately simple and checkable: at least 32 characters (the
 * documented `AUTH_JWT_SECRET` rule; 32 random characters from a 64-symbol alphabet are 192 bits), and
 * never the placeholder shipped in `.dev.vars.example` outside development. Entropy cannot be measured
 * from one string, so "random" stays the operator's job (`openssl rand -base64 32`).
 */
import { SecretWeak } from './errors.ts'

/**
 * The placeholder `AUTH_JWT_SECRET` from `.dev.vars.example`, the same value `@alokai/env` refuses. It is
 * public, so any token signed with it is forgeable: accepted only when `environment` is `development`.
 *
 * @example
 * ```ts
 * if (env.AUTH_JWT_SECRET === DEV_PLACEHOLDER_SECRET) console.warn('using the dev session secret')
 * ```
 */
export const DEV_PLACEHOLDER_SECRET = 'dev-only-insecure-session-secret-change-me-0000'

/**
 * The minimum length of a session secret, in characters (Unicode code points).
 *
 * @example
 * ```ts
 * if (secret.length < MIN_SECRET_LENGTH) throw new Error('AUTH_JWT_SECRET is too short')
 * ```
 */
export const MIN_SECRET_LENGTH = 32

/**
 * Where the issuer runs. Anything but `development` is treated as production (fail closed).
 *
 * @example
 * ```ts
 * const environment: SessionEnvironment = env.ENVIRONMENT
 * ```
 */
export type SessionEnvironment = 'development' | 'staging' | 'production'

/** String equality whose time does not depend on where the strings first differ (house rule for secrets). */
function equalsInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** Throws `TypeError` for a non-string and {@link SecretWeak} for a refused secret; `label` names it. */
export function assertSessionSecret(secret: unknown, label: string, environment: SessionEnvironment): void {
  if (typeof secret !== 'string') throw new TypeError(`${label} must be a string`)
  // Code points, not UTF-16 units, so an emoji counts once.
  let length = 0
  for (const _ of secret) {
    if (++length >= MIN_SECRET_LENGTH) break
  }
  if (length < MIN_SECRET_LENGTH) {
    throw new SecretWeak(`${label} must be at least ${MIN_SECRET_LENGTH} characters`)
  }
  if (environment !== 'development' && equalsInConstantTime(secret, DEV_PLACEHOLDER_SECRET)) {
    throw new SecretWeak(`${label} is the development placeholder, refused outside development`)
  }
}

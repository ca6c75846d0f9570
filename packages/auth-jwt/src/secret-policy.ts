/**
 * What a session secret must be. HS256 is only as strong as its key: a short or published secret lets
 * anyone mint sessions. The rules are deliberately simple and checkable: at least 32 characters (32 random
 * characters from a 64-symbol alphabet are 192 bits), and never the service's published development
 * placeholder (the `devPlaceholderSecret` option, e.g. what its `.dev.vars.example` ships) outside
 * development. Entropy cannot be measured from one string, so "random" stays the operator's job
 * (`openssl rand -base64 32`).
 */
import { constantTimeEqual } from '@alokai/internal'
import { SecretWeak } from './errors.ts'

/**
 * The minimum length of a session secret, in characters (Unicode code points). Environment rules for the
 * same secret (e.g. the CMS's `AUTH_JWT_SECRET` check) should use this constant rather than a second 32.
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

/**
 * Throws `TypeError` for a non-string and {@link SecretWeak} for a refused secret; `label` names it.
 * `placeholder` is the service's public development secret, if it has one.
 */
export function assertSessionSecret(
  secret: unknown,
  label: string,
  environment: SessionEnvironment,
  placeholder: string | undefined,
): void {
  if (typeof secret !== 'string') throw new TypeError(`${label} must be a string`)
  // Code points, not UTF-16 units, so an emoji counts once.
  let length = 0
  for (const _ of secret) {
    if (++length >= MIN_SECRET_LENGTH) break
  }
  if (length < MIN_SECRET_LENGTH) {
    throw new SecretWeak(`${label} must be at least ${MIN_SECRET_LENGTH} characters`)
  }
  if (environment !== 'development' && placeholder !== undefined && constantTimeEqual(secret, placeholder)) {
    throw new SecretWeak(`${label} is the development placeholder, refused outside development`)
  }
}

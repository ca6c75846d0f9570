/**
 * Which claim names a session token reserves, which it never carries, and how custom claims are split
 * from registered ones and run through the optional schema. Roles and permissions are refused outright:
 * they are read from storage through `sid` on every request, so revoking a session or demoting a user
 * takes effect at once instead of when the token expires.
 */
import { ClaimForbidden, JWTClaimValidationFailed } from '../errors.ts'
import type { ClaimsSchema, CustomClaims } from '../types.ts'

/** Claims the issuer writes itself; a custom claim may not shadow them. */
export const REGISTERED_CLAIMS: ReadonlySet<string> = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'sid',
])

/** Authorization claims a session token never carries (see the module comment). */
export const AUTHORIZATION_CLAIMS: ReadonlySet<string> = new Set([
  'roles',
  'role',
  'permissions',
  'scope',
  'admin',
])

/** Throws `ERR_CLAIM_FORBIDDEN` if a custom claim uses a registered or an authorization name. */
export function assertCustomClaimNames(custom: CustomClaims): void {
  for (const name of Object.keys(custom)) {
    if (REGISTERED_CLAIMS.has(name)) {
      throw new ClaimForbidden(`custom claim "${name}" is a registered claim`)
    }
    if (AUTHORIZATION_CLAIMS.has(name)) {
      throw new ClaimForbidden(
        `custom claim "${name}" is refused: roles and permissions are read from storage via sid`,
      )
    }
  }
}

/** The custom part of a verified payload (everything but the registered claims). */
export function customClaimsOf(payload: Record<string, unknown>): CustomClaims {
  // fromEntries defines properties, so a "__proto__" claim stays a plain claim instead of a prototype.
  return Object.fromEntries(Object.entries(payload).filter(([name]) => !REGISTERED_CLAIMS.has(name)))
}

/**
 * Runs the schema, turning any failure into `ERR_JWT_CLAIM_VALIDATION_FAILED` (fixed message). The schema's own error
 * is dropped on purpose: zod-like errors quote the offending values.
 */
export function parseCustomClaims<C extends CustomClaims>(
  schema: ClaimsSchema<C> | undefined,
  custom: CustomClaims,
): C {
  if (schema === undefined) return custom as C
  let parsed: unknown
  try {
    parsed = schema.parse(custom)
  } catch {
    throw new JWTClaimValidationFailed()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new JWTClaimValidationFailed()
  }
  return parsed as C
}

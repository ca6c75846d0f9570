/**
 * What an ID token says about its user, read for display: `email` (lower-cased, kept only when it is an
 * address), `email_verified` (only a literal `true` counts) and `name` (trimmed, at most 100 characters,
 * refused when it holds control or bidi-override characters, which could make one user pass for another
 * on a page). Never used to find or sign in a user: that is `(iss, sub)` alone.
 */
import * as z from 'zod'
import { hasUnsafeNameCharacters } from '../../domain/names'

/** The profile kept on the user row, refreshed at each sign-in. */
export interface IdpProfile {
  email: string | null
  emailVerified: boolean
  name: string | null
}

const EMAIL = z.string().trim().max(254).pipe(z.email())

/**
 * The profile in an ID token's claims.
 * @example const profile = idpProfileOf(payload) // { email: 'ada@example.com', emailVerified: true, name: 'Ada' }
 */
export function idpProfileOf(claims: Record<string, unknown>): IdpProfile {
  const email = EMAIL.safeParse(claims.email)
  const name = typeof claims.name === 'string' ? claims.name.trim() : ''
  const nameOk = name !== '' && name.length <= 100 && !hasUnsafeNameCharacters(name)
  return {
    email: email.success ? email.data.toLowerCase() : null,
    emailVerified: email.success && claims.email_verified === true,
    name: nameOk ? name : null,
  }
}

/**
 * What an ID token (completed by the IdP's userinfo answer, where the sign-in asked for one) says about its
 * user, read for display: `email` (lower-cased, kept only when it is an address), `email_verified` (only a
 * literal `true` counts) and `name` (trimmed, at most 100 characters, refused when it holds control or
 * bidi-override characters, which could make one user pass for another on a page). The ID token wins claim
 * by claim; `email_verified` is always read from the document whose `email` is kept, since it qualifies that
 * address only. Never used to find or sign in a user: that is `(iss, sub)` alone.
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
 * Whether an ID token leaves part of the profile unsaid (no `email` or no `name` claim), so that the
 * IdP's userinfo endpoint may be asked for it.
 * @example if (lacksProfileClaims(payload)) userinfo = await userinfoClaims(as, client, tokens, options)
 */
export function lacksProfileClaims(idToken: Record<string, unknown>): boolean {
  return typeof idToken.email !== 'string' || typeof idToken.name !== 'string'
}

/**
 * The profile in an ID token's claims, each claim the ID token lacks taken from `userinfo` (the IdP's
 * userinfo answer, already checked to be about the same `sub`).
 * @example const profile = idpProfileOf(payload) // { email: 'ada@example.com', emailVerified: true, name: 'Ada' }
 */
export function idpProfileOf(
  idToken: Record<string, unknown>,
  userinfo: Record<string, unknown> = {},
): IdpProfile {
  const emailFrom = typeof idToken.email === 'string' ? idToken : userinfo
  const nameFrom = typeof idToken.name === 'string' ? idToken : userinfo
  const email = EMAIL.safeParse(emailFrom.email)
  const name = typeof nameFrom.name === 'string' ? nameFrom.name.trim() : ''
  const nameOk = name !== '' && name.length <= 100 && !hasUnsafeNameCharacters(name)
  return {
    email: email.success ? email.data.toLowerCase() : null,
    emailVerified: email.success && emailFrom.email_verified === true,
    name: nameOk ? name : null,
  }
}

/**
 * The one schema of an email address a person types for an account (creating a local user, inviting,
 * adding a member): trimmed, 3 to 254 characters, an address; its message says what to enter.
 */
import * as z from 'zod'

/**
 * An email address field (JSON or form).
 * @example z.strictObject({ email: emailField })
 */
export const emailField = z.string().trim().min(3).max(254).pipe(z.email('Enter an email address'))

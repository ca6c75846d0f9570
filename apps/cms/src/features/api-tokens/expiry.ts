/**
 * When an API token stops working. A client sends an ISO 8601 instant (`2027-01-31T00:00:00Z`, an offset
 * required so the instant is unambiguous) or a date (`2027-01-31`, meaning 00:00 UTC that day: what a
 * date picker sends); the shape is checked by the body schema, "in the future" by the service against the
 * request's clock, so a test's clock and the bearer check agree on what "now" is.
 */
import * as z from 'zod'
import { InvalidInput } from '../../domain/errors'

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/

/** An expiry field: an ISO 8601 instant or date, or `''` (a form's empty field: no expiry). */
export const expiryField: z.ZodString = z
  .string()
  .trim()
  .refine(
    (value) => value === '' || (ISO_8601.test(value) && !Number.isNaN(Date.parse(value))),
    'Give a date (2027-01-31) or an ISO 8601 time with its offset (2027-01-31T12:00:00Z)',
  )
  .describe('ISO 8601: a time with its offset, or a date (00:00 UTC that day). Must be in the future.')

/**
 * The expiry in epoch ms (`null` for none), refused with `InvalidInput` on `expiresAt` unless after `now`.
 * @example const expiresAt = expiryOf(body.expiresAt, scope.now())
 */
export function expiryOf(value: string | undefined, now: number): number | null {
  if (value === undefined || value === '') return null
  const at = Date.parse(value)
  if (at <= now) throw new InvalidInput('expiresAt', 'Choose a time in the future')
  return at
}

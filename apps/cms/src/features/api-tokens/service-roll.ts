/**
 * Rolling an API token: a new secret under the same name, scope and description, answered once like a
 * created one, while the old secret keeps working for an overlap (so a deploy can swap it without an
 * outage) and then stops. The old row's `expires_at` becomes the end of the overlap, so no scheduled job
 * has to remember to revoke it: the bearer check refuses an expired token on its own.
 */
import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { CallerEnded, Conflict, NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { expiryField, expiryOf } from './expiry'
import { mintApiToken } from './mint'
import { type ApiTokenSummary, findApiToken } from './store'
import { rollApiTokenRows } from './store-write'

/** The longest overlap a roll allows: a week covers a slow release train, longer keeps a leak alive. */
const MAX_ROLL_OVERLAP_SECONDS = 7 * 24 * 60 * 60

/** The overlap when none is given: an hour, long enough for a deploy to pick the new secret up. */
export const DEFAULT_ROLL_OVERLAP_SECONDS = 60 * 60

/** The body of a roll: the overlap, and the new token's own expiry (none unless given). */
export const rollApiTokenBody: z.ZodObject<{
  overlapSeconds: z.ZodDefault<z.ZodNumber>
  expiresAt: z.ZodOptional<typeof expiryField>
}> = z.strictObject({
  overlapSeconds: z
    .number()
    .int('A whole number of seconds')
    .min(0, 'At least 0')
    .max(MAX_ROLL_OVERLAP_SECONDS, 'At most 7 days (604800 seconds)')
    .default(DEFAULT_ROLL_OVERLAP_SECONDS)
    .describe('How long the old token keeps working, in seconds (0 to 604800; default 3600).'),
  expiresAt: expiryField.optional(),
})

/**
 * Rolls live token `id`: answers the new token in full (show it once) and its summary; the old one ends
 * `overlapSeconds` from now (or at its own earlier expiry). 404 unknown; 409 `not_live` when it is revoked,
 * expired or already rolled. Audited as `tokens.roll` (the old token) and `tokens.create` (the new one).
 * @example const { summary, token } = await rollApiToken(scope, caller, spaceId, tokenId, { overlapSeconds: 600 })
 */
export async function rollApiToken(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  id: string,
  input: z.output<typeof rollApiTokenBody>,
): Promise<{ summary: ApiTokenSummary; token: string }> {
  const now = scope.now()
  const expiresAt = expiryOf(input.expiresAt, now)
  const old = await findApiToken(scope.db, { spaceId, id })
  if (!old) throw new NotFound('No such token')
  const { row, token } = await mintApiToken(scope, {
    spaceId,
    name: old.name,
    description: old.description,
    scope: old.scope,
    createdBy: caller.userId,
    expiresAt,
  })
  const summary = await rollApiTokenRows(scope.db, {
    oldId: id,
    endsAt: now + input.overlapSeconds * 1000,
    next: row,
  })
  if (summary === 'creator_inactive') throw new CallerEnded()
  if (summary === 'not_live') {
    await scope.audit.record({
      action: 'tokens.roll',
      outcome: 'failure',
      reason: 'not_live',
      spaceId,
      targetType: 'api_token',
      targetId: id,
    })
    throw new Conflict('Only a live token that was not rolled yet can be rolled', 'not_live')
  }
  const target = { spaceId, targetType: 'api_token' } as const
  await scope.audit.record({ action: 'tokens.roll', outcome: 'success', ...target, targetId: id })
  await scope.audit.record({ action: 'tokens.create', outcome: 'success', ...target, targetId: row.id })
  return { summary, token }
}

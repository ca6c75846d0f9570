/**
 * API tokens, the feature's door: reading a space's tokens (the list, one token, the count on the space's
 * overview) and the operations shared by the JSON routes (`api.ts`) and the dashboard: create (the token
 * in full, returned exactly once, stored sealed to `sealContext('api-token', spaceId, id)` plus its digest),
 * reveal (a space admin who signed in within the last 5 minutes; audited, refusals too) and revoke. Callers
 * have already passed `authorize(...)`; these functions hold the business rules, not the policy.
 */

import { openText } from '@alokai/crypto'
import * as z from 'zod'
import { sealContext } from '../../crypto/contexts'
import type { UserCaller } from '../../domain/caller'
import { CallerEnded, Conflict, NotFound, ReauthRequired } from '../../domain/errors'
import { safeName } from '../../domain/names'
import { PAGE_SIZE, pageCount } from '../../domain/paging'
import type { Scope } from '../../domain/scope'
import { findSpace } from '../spaces/service'
import { TOKEN_SCOPE_GRANTS } from './bearer'
import { expiryField, expiryOf } from './expiry'
import { mintApiToken } from './mint'
import {
  type ApiTokenSummary,
  countLiveApiTokens as countLiveRows,
  findApiToken as findRow,
  findSealedApiToken,
  revokeApiToken,
  revokeCreatorTokens,
} from './store'
import { type ApiTokenPage, type ApiTokenState, pageApiTokens } from './store-list'
import { insertApiToken } from './store-write'

export type { ApiTokenPage, ApiTokenState } from './store-list'

/**
 * A create refused because a live token of the space has the name (a form shows it on `name`): a 409
 * `conflict` with reason `name_taken` in the API.
 * @example if (err instanceof TokenNameTaken) errors.name = err.message
 */
export class TokenNameTaken extends Conflict {
  override readonly name: string = 'TokenNameTaken'
  constructor() {
    super('A live token in this space already has this name', 'name_taken')
  }
}

/** A reveal needs a login (password or IdP) at most this long ago. */
const REVEAL_MAX_AUTH_AGE_MS: number = 5 * 60 * 1000

/** The body of a token creation (JSON or form; a form's empty `description` and `expiresAt` mean none). */
export const createApiTokenBody: z.ZodObject<{
  name: z.ZodString
  scope: z.ZodEnum<{ delivery: 'delivery'; preview: 'preview'; management: 'management' }>
  description: z.ZodOptional<z.ZodString>
  expiresAt: z.ZodOptional<typeof expiryField>
}> = z.strictObject({
  name: safeName(z.string().trim().min(1, 'Give the token a name').max(100, 'At most 100 characters')),
  scope: z.enum(['delivery', 'preview', 'management'], 'Choose delivery, preview or management'),
  description: safeName(z.string().trim().max(500, 'At most 500 characters')).optional(),
  expiresAt: expiryField.optional(),
})

/** The query of the JSON token list: the dashboard's name search, state filter and page. */
export const apiTokenListQuery: z.ZodObject<{
  q: z.ZodDefault<z.ZodString>
  state: z.ZodDefault<z.ZodEnum<{ live: 'live'; revoked: 'revoked'; all: 'all' }>>
  page: z.ZodDefault<z.ZodCoercedNumber<unknown>>
}> = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100)
    .default('')
    .describe('Only tokens whose name contains this (ASCII case ignored).'),
  state: z
    .enum(['live', 'revoked', 'all'])
    .default('all')
    .describe('`live`: usable now; `revoked`: revoked or expired; `all`: both.'),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1)
    .describe('The page, from 1; 20 tokens a page.'),
})

/**
 * One page of a space's tokens in `state` whose name contains `q`, with the total.
 * @example const { tokens, total } = await findApiTokens(scope, { spaceId, state: 'live', q: '', page: 1 })
 */
export async function findApiTokens(
  scope: Scope,
  query: { spaceId: string; state: ApiTokenState; q: string; page: number },
): Promise<ApiTokenPage & { page: number; pages: number }> {
  const found = await pageApiTokens(scope.db, {
    spaceId: query.spaceId,
    state: query.state,
    q: query.q,
    limit: PAGE_SIZE,
    offset: (query.page - 1) * PAGE_SIZE,
    now: scope.now(),
  })
  return { ...found, page: query.page, pages: pageCount(found.total) }
}

/**
 * One token of a space, or `null` (an id of another space is not found).
 * @example const token = await findApiToken(scope, { spaceId, id })
 */
export async function findApiToken(
  scope: Scope,
  input: { spaceId: string; id: string },
): Promise<ApiTokenSummary | null> {
  return findRow(scope.db, input)
}

/**
 * How many live (unrevoked, unexpired) tokens a space has.
 * @example const n = await countLiveApiTokens(scope, spaceId)
 */
export async function countLiveApiTokens(scope: Scope, spaceId: string): Promise<number> {
  return countLiveRows(scope.db, spaceId, scope.now())
}

/**
 * A token's sealed value as stored (`'revoked'`, or `null` when the space has no such token), for a caller
 * that measures opening it (the worker bench); `revealApiToken` is the audited way to read a token.
 * @example const found = await sealedApiToken(scope, { spaceId, id })
 */
export async function sealedApiToken(
  scope: Scope,
  input: { spaceId: string; id: string },
): Promise<{ sealed: string } | 'revoked' | 'ended' | null> {
  return findSealedApiToken(scope.db, { ...input, now: scope.now() })
}

/**
 * Mints, seals and stores a token; the answer carries the token in full (show it once, never store it).
 * Names are unique among the space's live tokens (ASCII case ignored), so a list, a reveal and the audit
 * log name one token: a taken name is a `TokenNameTaken` (a `Conflict`, reason `name_taken`) and stores nothing.
 * @example const { token, summary } = await createApiToken(scope, caller, spaceId, { name, scope })
 */
export async function createApiToken(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  input: z.output<typeof createApiTokenBody>,
): Promise<{ summary: ApiTokenSummary; token: string }> {
  const expiresAt = expiryOf(input.expiresAt, scope.now())
  if (!(await findSpace(scope, spaceId))) throw new NotFound('No such space')
  const { row, token } = await mintApiToken(scope, {
    spaceId,
    name: input.name,
    description: input.description || null,
    scope: input.scope,
    createdBy: caller.userId,
    expiresAt,
  })
  const summary = await insertApiToken(scope.db, row)
  if (summary === 'creator_inactive') throw new CallerEnded()
  if (summary === 'name_taken') throw new TokenNameTaken()
  await scope.audit.record({
    action: 'tokens.create',
    outcome: 'success',
    spaceId,
    targetType: 'api_token',
    targetId: row.id,
  })
  return { summary, token }
}

/**
 * Opens a stored token for a recently signed-in caller: 403 `reauth_required` when the last login is older
 * than {@link REVEAL_MAX_AUTH_AGE_MS}, 404 unknown, 409 revoked, 409 `unreadable` when no configured key
 * opens it.
 * @example const token = await revealApiToken(scope, caller, spaceId, tokenId)
 */
export async function revealApiToken(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  id: string,
): Promise<string> {
  const audit = { action: 'tokens.reveal', spaceId, targetType: 'api_token', targetId: id }
  if (scope.now() - caller.authenticatedAt > REVEAL_MAX_AUTH_AGE_MS) {
    await scope.audit.record({ ...audit, outcome: 'denied', reason: 'reauth_required' })
    throw new ReauthRequired('Sign in again to reveal a token')
  }
  const found = await findSealedApiToken(scope.db, { spaceId, id, now: scope.now() })
  if (found === null) throw new NotFound('No such token')
  if (found === 'revoked') {
    await scope.audit.record({ ...audit, outcome: 'failure', reason: 'revoked' })
    throw new Conflict('The token is revoked')
  }
  if (found === 'ended') {
    await scope.audit.record({ ...audit, outcome: 'failure', reason: 'ended' })
    throw new Conflict('The token expired or was rolled; reveal its replacement', 'ended')
  }
  let token: string
  try {
    token = await openText(await scope.keyring(), found.sealed, sealContext('api-token', spaceId, id))
  } catch {
    // A value no configured key opens is reported (key rotation status shows it), never echoed.
    await scope.audit.record({ ...audit, outcome: 'failure', reason: 'unreadable' })
    // A 409 like any stored value no key opens: the token cannot be set again, only revoked and replaced.
    throw new Conflict('The stored token cannot be opened; revoke it and create another', 'unreadable')
  }
  await scope.audit.record({ ...audit, outcome: 'success' })
  return token
}

/**
 * Revokes a token (idempotent; drops the sealed value), audited; 404 when the space has no such token.
 * @example const summary = await revokeApiTokenById(scope, caller, spaceId, tokenId)
 */
export async function revokeApiTokenById(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  id: string,
): Promise<ApiTokenSummary> {
  const revoked = await revokeApiToken(scope.db, { spaceId, id, revokedBy: caller.userId, now: scope.now() })
  if (!revoked) throw new NotFound('No such token')
  await scope.audit.record({
    action: 'tokens.revoke',
    outcome: 'success',
    spaceId,
    targetType: 'api_token',
    targetId: id,
  })
  return revoked
}

/**
 * Revokes every live token that acts for `userId` (management tokens: their creator's delegates), each
 * audited as `tokens.revoke` in its space; how many. Disabling or deleting a user ends them for good, so
 * enabling the user again revives none.
 * @example const n = await revokeTokensActingFor(scope, caller, userId)
 */
export async function revokeTokensActingFor(
  scope: Scope,
  caller: UserCaller,
  userId: string,
): Promise<number> {
  const scopes = Object.entries(TOKEN_SCOPE_GRANTS)
    .filter(([, grant]) => grant.actsForCreator)
    .map(([name]) => name)
  const revoked = await revokeCreatorTokens(scope.db, {
    createdBy: userId,
    scopes,
    revokedBy: caller.userId,
    now: scope.now(),
  })
  for (const token of revoked) {
    await scope.audit.record({
      action: 'tokens.revoke',
      outcome: 'success',
      spaceId: token.spaceId,
      targetType: 'api_token',
      targetId: token.id,
    })
  }
  return revoked.length
}

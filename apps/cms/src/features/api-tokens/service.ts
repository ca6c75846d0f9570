/**
 * API tokens, the feature's door: reading a space's tokens (the list, one token, the count on the space's
 * overview) and the operations shared by the JSON routes (`api.ts`) and the dashboard: create (the token
 * in full, returned exactly once, stored sealed to `sealContext('api-token', spaceId, id)` plus its digest),
 * reveal (a space admin who signed in within the last 5 minutes; audited, refusals too) and revoke. Callers
 * have already passed `authorize(...)`; these functions hold the business rules, not the policy.
 */

import { openText, seal } from '@alokai/crypto'
import { z } from 'zod'
import { sealContext } from '../../crypto/contexts'
import type { UserCaller } from '../../domain/caller'
import { Conflict, NotFound, ReauthRequired } from '../../domain/errors'
import { newId } from '../../domain/ids'
import type { Scope } from '../../domain/scope'
import { findSpace } from '../spaces/service'
import { generateApiToken, TOKEN_SCOPE_GRANTS } from './bearer'
import {
  type ApiTokenSummary,
  countLiveApiTokens as countLiveRows,
  findApiToken as findRow,
  findSealedApiToken,
  insertApiToken,
  listApiTokens as listRows,
  revokeApiToken,
  revokeCreatorTokens,
} from './store'
import { type ApiTokenPage, pageApiTokens } from './store-list'

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
export const REVEAL_MAX_AUTH_AGE_MS: number = 5 * 60 * 1000

/** The body of a token creation (JSON or form). */
export const createApiTokenBody: z.ZodObject<{
  name: z.ZodString
  scope: z.ZodEnum<{ delivery: 'delivery'; preview: 'preview'; management: 'management' }>
}> = z.strictObject({
  name: z.string().trim().min(1, 'Give the token a name').max(100, 'At most 100 characters'),
  scope: z.enum(['delivery', 'preview', 'management'], 'Choose delivery, preview or management'),
})

/**
 * Every token of a space, live and revoked (never the digest or the sealed value).
 * @example const tokens = await listApiTokens(scope, spaceId)
 */
export async function listApiTokens(scope: Scope, spaceId: string): Promise<ApiTokenSummary[]> {
  return listRows(scope.db, spaceId)
}

/**
 * One page of a space's live (or revoked) tokens whose name contains `q`, with the total.
 * @example const { tokens, total } = await findApiTokens(scope, { spaceId, revoked: false, q: '', limit: 20, offset: 0 })
 */
export async function findApiTokens(
  scope: Scope,
  query: { spaceId: string; revoked: boolean; q: string; limit: number; offset: number },
): Promise<ApiTokenPage> {
  return pageApiTokens(scope.db, query)
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
 * How many live (unrevoked) tokens a space has.
 * @example const n = await countLiveApiTokens(scope, spaceId)
 */
export async function countLiveApiTokens(scope: Scope, spaceId: string): Promise<number> {
  return countLiveRows(scope.db, spaceId)
}

/**
 * A token's sealed value as stored (`'revoked'`, or `null` when the space has no such token), for a caller
 * that measures opening it (the worker bench); `revealApiToken` is the audited way to read a token.
 * @example const found = await sealedApiToken(scope, { spaceId, id })
 */
export async function sealedApiToken(
  scope: Scope,
  input: { spaceId: string; id: string },
): Promise<{ sealed: string } | 'revoked' | null> {
  return findSealedApiToken(scope.db, input)
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
  if (!(await findSpace(scope, spaceId))) throw new NotFound('No such space')
  const id = newId('tok')
  const { token, digest, last4 } = await generateApiToken(input.scope)
  const sealed = await seal(await scope.keyring(), token, sealContext('api-token', spaceId, id))
  const inserted = await insertApiToken(scope.db, {
    id,
    spaceId,
    name: input.name,
    scope: input.scope,
    sealed,
    digest,
    last4,
    createdBy: caller.userId,
    now: scope.now(),
  })
  if (inserted === null) throw new TokenNameTaken()
  const summary = inserted
  await scope.audit.record({
    action: 'tokens.create',
    outcome: 'success',
    spaceId,
    targetType: 'api_token',
    targetId: id,
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
  const found = await findSealedApiToken(scope.db, { spaceId, id })
  if (found === null) throw new NotFound('No such token')
  if (found === 'revoked') {
    await scope.audit.record({ ...audit, outcome: 'failure', reason: 'revoked' })
    throw new Conflict('The token is revoked')
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

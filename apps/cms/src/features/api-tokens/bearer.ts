/**
 * Per-space API tokens: the format (`cms_<scope>_<43 base64url chars>` = 256 random bits), the SHA-256
 * digest used for lookup, what each scope may do, and authentication of `Authorization: Bearer cms_…`.
 * Every failure — malformed, unknown, revoked, expired, another space's token — answers the same 401 problem, so a
 * response never tells which one it was (the reason goes to the audit log only, never the token). Validity
 * is read from D1 on every request; only `last_used_at` is throttled. A management token acts for its
 * creator (their status and current role bound it); delivery and preview tokens belong to the space.
 */
import { constantTimeEqual, encodeBase64url } from '@alokai/internal'
import type { ApiTokenScope } from '../../domain/api-token-scope'
import type { ApiTokenCaller, Caller } from '../../domain/caller'
import { InvalidApiToken } from '../../domain/errors'
import { type Action, can } from '../../domain/policy'
import type { UserRoles } from '../../domain/roles'
import type { Scope } from '../../domain/scope'
import { rolesOf } from '../users/roles'
import { findApiTokenByDigest, touchApiToken } from './store'

/** The shape of a token; the scope in the text is informative only (the row's scope is what counts). */
export const API_TOKEN_PATTERN: RegExp = /^cms_(delivery|preview|management)_[A-Za-z0-9_-]{43}$/

/** `last_used_at` is written at most this often per token (a write per request would cost a D1 write). */
const LAST_USED_THROTTLE_MS: number = 5 * 60 * 1000

/**
 * What each scope may do in its own space (and nothing anywhere else; tokens never manage tokens), and
 * whose authority it carries. `actsForCreator`: the token is its creator's delegate, so it works only while
 * that user is active and never does more than they may do now (a disabled or demoted admin's management
 * token stops with them). Otherwise the token belongs to the space: a storefront's read token keeps working
 * when the admin who made it leaves.
 */
export const TOKEN_SCOPE_GRANTS: Readonly<
  Record<
    ApiTokenScope,
    { readonly actions: readonly Action[]; readonly drafts: boolean; readonly actsForCreator: boolean }
  >
> = {
  delivery: { actions: ['content.read'], drafts: false, actsForCreator: false },
  preview: { actions: ['content.read'], drafts: true, actsForCreator: false },
  management: { actions: ['content.read', 'content.write'], drafts: true, actsForCreator: true },
}

/**
 * Whether a bearer value is meant as an API token (then it never goes to the OIDC verifier).
 * @example if (isApiTokenBearer(bearer)) caller = await authenticateApiToken(c, bearer)
 */
export function isApiTokenBearer(bearer: string): boolean {
  return bearer.startsWith('cms_')
}

/**
 * The lookup digest of a token: lower-case hex SHA-256 of its UTF-8 text.
 * @example const digest = await apiTokenDigest(token)
 */
export async function apiTokenDigest(token: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))
  let hex = ''
  for (const b of hash) hex += b.toString(16).padStart(2, '0')
  return hex
}

/**
 * A fresh token of `scope` with its digest and last four characters.
 * @example const { token, digest, last4 } = await generateApiToken('delivery')
 */
export async function generateApiToken(
  scope: ApiTokenScope,
): Promise<{ token: string; digest: string; last4: string }> {
  const token = `cms_${scope}_${encodeBase64url(crypto.getRandomValues(new Uint8Array(32)))}`
  return { token, digest: await apiTokenDigest(token), last4: token.slice(-4) }
}

async function refuse(
  scope: Scope,
  reason: string,
  actor: { type: 'api_token'; id: string } | { type: 'anonymous'; id: null },
  spaceId: string | undefined,
): Promise<never> {
  await scope.audit.record({
    action: 'api_token.authenticate',
    outcome: 'failure',
    reason,
    actor,
    ...(spaceId ? { spaceId } : {}),
  })
  throw new InvalidApiToken()
}

/**
 * Refuses a token principal on a route of another space with the unknown-token answer (no oracle).
 * @example await requireTokenSpace(scope, caller, requestedSpaceId)
 */
export async function requireTokenSpace(
  scope: Scope,
  caller: ApiTokenCaller,
  requestedSpaceId: string | undefined,
): Promise<void> {
  if (requestedSpaceId !== undefined && requestedSpaceId !== caller.spaceId) {
    await refuse(scope, 'wrong_space', { type: 'api_token', id: caller.tokenId }, caller.spaceId)
  }
}

/** Where the token is used: the route's space (raw, as requested; `spaceId` only when well formed). */
export interface TokenUse {
  /** The `:spaceId` of the route as sent, compared with the token's own space. */
  requestedSpaceId: string | undefined
  /** The same, only when it is a well-formed space id (so junk from the URL never reaches the audit log). */
  spaceId: string | undefined
  /** Runs a write after the answer (the `last_used_at` touch); the edge passes `waitUntil`. */
  background(work: Promise<unknown>): Promise<void>
}

/**
 * Authenticates an API token: digest lookup, constant-time comparison, revocation, expiry and space checks, all
 * against D1 on every call. Every failure is audited (reason code only) and throws `InvalidApiToken`.
 * @example const caller = await authenticateApiToken(scope, bearer, use)
 */
export async function authenticateApiToken(
  scope: Scope,
  token: string,
  use: TokenUse,
): Promise<ApiTokenCaller> {
  const anonymous = { type: 'anonymous', id: null } as const
  if (!API_TOKEN_PATTERN.test(token)) return refuse(scope, 'malformed_token', anonymous, use.spaceId)
  const digest = await apiTokenDigest(token)
  const row = await findApiTokenByDigest(scope.db, digest)
  if (!row || !constantTimeEqual(row.digest, digest)) {
    return refuse(scope, 'unknown_token', anonymous, use.spaceId)
  }
  const actor = { type: 'api_token', id: row.id } as const
  const now = scope.now()
  if (row.revokedAt !== null) return refuse(scope, 'revoked_token', actor, row.spaceId)
  // After the same lookup and comparison as a revoked token, with the same answer: only the audit log
  // tells an expired token from an unknown one, as it already did for a revoked one.
  if (row.expiresAt !== null && row.expiresAt <= now)
    return refuse(scope, 'expired_token', actor, row.spaceId)
  let creatorRoles: UserRoles | undefined
  if (TOKEN_SCOPE_GRANTS[row.scope].actsForCreator) {
    if (row.createdBy === null || !row.creatorActive)
      return refuse(scope, 'creator_inactive', actor, row.spaceId)
    creatorRoles = await rolesOf(scope, row.createdBy)
  }
  const caller: ApiTokenCaller = {
    via: 'api_token',
    tokenId: row.id,
    scope: row.scope,
    spaceId: row.spaceId,
    creatorRoles,
  }
  await requireTokenSpace(scope, caller, use.requestedSpaceId)
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_THROTTLE_MS) {
    const touch = touchApiToken(scope.db, { id: row.id, now, throttleMs: LAST_USED_THROTTLE_MS })
    await use.background(
      touch.catch((err: unknown) => {
        console.error(
          JSON.stringify({ level: 'error', event: 'api_token_touch_failed', error: (err as Error).name }),
        )
      }),
    )
  }
  return caller
}

/**
 * Whether a token principal may perform `action` (its own space is checked by `requireTokenSpace`): the
 * scope allows it and, for a token that acts for its creator, the creator may do it in the space now.
 * @example tokenMay(caller, 'content.write') // true only for management tokens of a current editor/admin
 */
export function tokenMay(caller: ApiTokenCaller, action: Action): boolean {
  const grant = TOKEN_SCOPE_GRANTS[caller.scope]
  if (!grant.actions.includes(action)) return false
  if (!grant.actsForCreator) return true
  return caller.creatorRoles !== undefined && can(caller.creatorRoles, action, caller.spaceId)
}

/**
 * Whether the caller reads drafts: users who may read content do; tokens by scope (delivery does not).
 * @example const entries = seesDrafts(caller) ? await listEntries(…) : await listPublishedEntries(…)
 */
export function seesDrafts(caller: Caller): boolean {
  return caller.via === 'api_token' ? TOKEN_SCOPE_GRANTS[caller.scope].drafts : true
}

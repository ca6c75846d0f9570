/**
 * Per-space API tokens: the format (`cms_<scope>_<43 base64url chars>` = 256 random bits), the SHA-256
 * digest used for lookup, what each scope may do, and authentication of `Authorization: Bearer cms_…`.
 * Every failure — malformed, unknown, revoked, another space's token — answers the same 401 problem, so a
 * response never tells which one it was (the reason goes to the audit log only, never the token). Validity
 * is read from D1 on every request; only `last_used_at` is throttled. A management token acts for its
 * creator (their status and current role bound it); delivery and preview tokens belong to the space.
 */
import { constantTimeEqual, encodeBase64url } from '@alokai/internal'
import type { Context } from 'hono'
import { isId } from '../../db/ids'
import { type Action, can } from '../../domain/policy'
import { type ApiTokenCaller, type AppEnv, type Caller, nowMs } from '../../http/app-env'
import { HttpProblem } from '../../http/problem'
import { recordAudit } from '../audit-log/record'
import { loadRoles, type UserRoles } from '../users/roles-store'
import { type ApiTokenScope, findApiTokenByDigest, touchApiToken } from './store'

/** The shape of a token; the scope in the text is informative only (the row's scope is what counts). */
export const API_TOKEN_PATTERN: RegExp = /^cms_(delivery|preview|management)_[A-Za-z0-9_-]{43}$/

/** `last_used_at` is written at most this often per token (a write per request would cost a D1 write). */
export const LAST_USED_THROTTLE_MS: number = 5 * 60 * 1000

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

/**
 * The one answer to every API token failure.
 * @example throw invalidApiToken()
 */
function invalidApiToken(): HttpProblem {
  return new HttpProblem(401, 'unauthenticated', 'Invalid API token', {
    headers: { 'www-authenticate': 'Bearer realm="cms", error="invalid_token"' },
  })
}

/**
 * The route's space id, when it is a well-formed one (so junk from the URL never reaches the audit log).
 * @example await recordAudit(c, { action, outcome: 'denied', spaceId: routeSpaceId(c) })
 */
export function routeSpaceId(c: Context<AppEnv>): string | undefined {
  const value = c.req.param('spaceId')
  return value !== undefined && isId('spc', value) ? value : undefined
}

async function refuse(
  c: Context<AppEnv>,
  reason: string,
  actor: { type: 'api_token'; id: string } | { type: 'anonymous'; id: null },
  spaceId: string | undefined,
): Promise<never> {
  await recordAudit(c, {
    action: 'api_token.authenticate',
    outcome: 'failure',
    reason,
    actor,
    ...(spaceId ? { spaceId } : {}),
  })
  throw invalidApiToken()
}

/**
 * Refuses a token principal on a route of another space with the unknown-token answer (no oracle).
 * @example await requireTokenSpace(c, caller)
 */
export async function requireTokenSpace(c: Context<AppEnv>, caller: ApiTokenCaller): Promise<void> {
  const requested = c.req.param('spaceId')
  if (requested !== undefined && requested !== caller.spaceId) {
    await refuse(c, 'wrong_space', { type: 'api_token', id: caller.tokenId }, caller.spaceId)
  }
}

/** Runs `work` after the response when the runtime gives an execution context, else awaits it. */
async function inBackground(c: Context<AppEnv>, work: Promise<unknown>): Promise<void> {
  const safe = work.catch((err: unknown) => {
    console.error(
      JSON.stringify({ level: 'error', event: 'api_token_touch_failed', error: (err as Error).name }),
    )
  })
  let ctx: { waitUntil(promise: Promise<unknown>): void } | undefined
  try {
    ctx = c.executionCtx
  } catch {
    // Hono throws when the app was called without one (app.request in tests): do the write inline.
  }
  if (ctx) ctx.waitUntil(safe)
  else await safe
}

/**
 * Authenticates an API token: digest lookup, constant-time comparison, revocation and space checks, all
 * against D1 on every call. Every failure is audited (reason code only) and throws `invalidApiToken()`.
 * @example const caller = await authenticateApiToken(c, bearer)
 */
export async function authenticateApiToken(c: Context<AppEnv>, token: string): Promise<ApiTokenCaller> {
  const spaceId = routeSpaceId(c)
  if (!API_TOKEN_PATTERN.test(token))
    return refuse(c, 'malformed_token', { type: 'anonymous', id: null }, spaceId)
  const digest = await apiTokenDigest(token)
  const row = await findApiTokenByDigest(c.env.DB, digest)
  if (!row || !constantTimeEqual(row.digest, digest)) {
    return refuse(c, 'unknown_token', { type: 'anonymous', id: null }, spaceId)
  }
  const actor = { type: 'api_token', id: row.id } as const
  if (row.revokedAt !== null) return refuse(c, 'revoked_token', actor, row.spaceId)
  let creatorRoles: UserRoles | undefined
  if (TOKEN_SCOPE_GRANTS[row.scope].actsForCreator) {
    if (row.createdBy === null || !row.creatorActive) return refuse(c, 'creator_inactive', actor, row.spaceId)
    creatorRoles = await loadRoles(c.env.DB, row.createdBy)
  }
  const caller: ApiTokenCaller = {
    via: 'api_token',
    tokenId: row.id,
    scope: row.scope,
    spaceId: row.spaceId,
    creatorRoles,
  }
  await requireTokenSpace(c, caller)
  const now = nowMs(c)
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_THROTTLE_MS) {
    await inBackground(c, touchApiToken(c.env.DB, { id: row.id, now, throttleMs: LAST_USED_THROTTLE_MS }))
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

/**
 * Who is calling. With an `Authorization` header the caller is whatever that header proves and cookies
 * are ignored; otherwise the session cookie's `sid` is looked up in D1 (revoked, expired and disabled
 * sessions stop here). Roles are always read from D1, never from a token. `Bearer cms_…` is a per-space API
 * token (`features/api-tokens/bearer.ts`): it has no user and is never shown to the IdP's verifier.
 */
import { isOidcError } from '@alokai/auth-oidc'
import type { Context, MiddlewareHandler } from 'hono'
import type { Caller, UserCaller } from '../domain/caller'
import { isId } from '../domain/ids'
import { type Action, can } from '../domain/policy'
import {
  authenticateApiToken,
  isApiTokenBearer,
  requireTokenSpace,
  type TokenUse,
  tokenMay,
} from '../features/api-tokens/bearer'
import { verifyIdpToken } from '../features/sessions/idp-verifier'
import { findActiveSession } from '../features/sessions/service'
import { rolesOf } from '../features/users/roles'
import { userOfIdpToken } from '../features/users/service'
import { type AuditDeclaration, declareAudit } from './audit-declaration'
import { bearerChallenge } from './bearer-challenge'
import type { CmsHono } from './hono-types'
import { HttpProblem } from './problem'
import { declareAction } from './route-action'
import { sessionCookieSid } from './session-cookie'

/**
 * The bearer token of an `Authorization: Bearer …` header (the scheme in any case, RFC 7235); a 401
 * problem with the bearer challenge for a malformed one or any other scheme.
 * @example const token = bearerToken(c)
 */
export function bearerToken(c: Context<CmsHono>): string | undefined {
  const header = c.req.header('authorization')
  if (header === undefined) return undefined
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(header)
  if (!match?.[1]) {
    const error = /^Bearer(?: |$)/i.test(header) ? 'invalid_request' : undefined
    throw new HttpProblem(401, 'unauthenticated', 'Unsupported Authorization header', {
      headers: bearerChallenge(error),
    })
  }
  return match[1]
}

const invalidBearer = (title: string): HttpProblem =>
  new HttpProblem(401, 'unauthenticated', title, { headers: bearerChallenge('invalid_token') })

/**
 * Resolves the user behind an IdP token (creating it, roleless, on first sight). 401 on any token failure.
 * `authenticatedAt` is the token's `auth_time`, or 0 ("long ago": a reveal needs a fresh sign-in) without
 * one; `expiresAt` is its `exp` (`null` without one).
 * @example const { userId } = await oidcUser(c, token)
 */
export async function oidcUser(
  c: Context<CmsHono>,
  token: string,
): Promise<{ userId: string; authenticatedAt: number; expiresAt: number | null }> {
  const oidc = c.var.config.oidc
  if (!oidc) throw invalidBearer('Bearer tokens are not accepted here')
  let identity: Awaited<ReturnType<typeof verifyIdpToken>>
  try {
    identity = await verifyIdpToken(oidc, c.env, c.var.deps, token, c.var.scope.now())
  } catch (err) {
    if (isOidcError(err, 'ERR_JWT_SCOPE')) {
      throw new HttpProblem(403, 'forbidden', 'Token lacks the required scope')
    }
    if (isOidcError(err, 'ERR_JWKS_FETCH') || isOidcError(err, 'ERR_OIDC_DISCOVERY')) {
      console.error(JSON.stringify({ level: 'error', event: 'oidc_unavailable', code: err.code }))
    }
    throw invalidBearer('Invalid bearer token')
  }
  // Disabling ends credentials for good; an IdP token issued before the last disable stays ended.
  const userId = await userOfIdpToken(
    c.var.scope,
    { iss: identity.iss, sub: identity.sub },
    identity.issuedAt,
  )
  if (userId === null) throw invalidBearer('Invalid bearer token')
  return { userId, authenticatedAt: identity.authTime ?? 0, expiresAt: identity.expiresAt }
}

/**
 * The route's space id, when it is a well-formed one (so junk from the URL never reaches the audit log).
 * @example await c.var.scope.audit.record({ action, outcome: 'denied', spaceId: routeSpaceId(c) })
 */
function routeSpaceId(c: Context<CmsHono>): string | undefined {
  const value = c.req.param('spaceId')
  return value !== undefined && isId('spc', value) ? value : undefined
}

/** Runs `work` after the response when the runtime gives an execution context, else awaits it. */
async function inBackground(c: Context<CmsHono>, work: Promise<unknown>): Promise<void> {
  let ctx: { waitUntil(promise: Promise<unknown>): void } | undefined
  try {
    ctx = c.executionCtx
  } catch {
    // Hono throws when the app was called without one (app.request in tests): do the write inline.
  }
  if (ctx) ctx.waitUntil(work)
  else await work
}

function tokenUse(c: Context<CmsHono>): TokenUse {
  return {
    requestedSpaceId: c.req.param('spaceId'),
    spaceId: routeSpaceId(c),
    background: (work) => inBackground(c, work),
  }
}

async function resolve(c: Context<CmsHono>): Promise<Caller | null> {
  const bearer = bearerToken(c)
  if (bearer !== undefined) {
    // API tokens are ours: resolved against D1, never shown to the IdP's verifier.
    if (isApiTokenBearer(bearer)) return authenticateApiToken(c.var.scope, bearer, tokenUse(c))
    const { userId, authenticatedAt } = await oidcUser(c, bearer)
    return {
      userId,
      via: 'bearer',
      sid: undefined,
      authenticatedAt,
      roles: await rolesOf(c.var.scope, userId),
    }
  }
  const sid = await sessionCookieSid(c)
  if (sid === undefined) return null
  const session = await findActiveSession(c.var.scope, sid)
  if (!session) return null
  return {
    userId: session.userId,
    via: 'session',
    sid: session.sid,
    authenticatedAt: session.authenticatedAt,
    roles: session.roles,
    label: session.label,
  }
}

/**
 * The caller of this request (resolved once, then remembered on the context), or `null`.
 * @example const caller = await getCaller(c)
 */
export async function getCaller(c: Context<CmsHono>): Promise<Caller | null> {
  if (c.var.caller === undefined) c.set('caller', await resolve(c))
  return c.var.caller ?? null
}

/**
 * Requires an authenticated caller of any kind, user or API token (401 otherwise).
 * @example const caller = await requirePrincipal(c)
 */
export async function requirePrincipal(c: Context<CmsHono>): Promise<Caller> {
  const caller = await getCaller(c)
  if (!caller) throw new HttpProblem(401, 'unauthenticated', 'Sign in first')
  return caller
}

/**
 * Requires a signed-in user (401 without a caller; 403 for an API token, which has no user).
 * @example const caller = await requireCaller(c)
 */
export async function requireCaller(c: Context<CmsHono>): Promise<UserCaller> {
  const caller = await requirePrincipal(c)
  if (caller.via === 'api_token') throw new HttpProblem(403, 'forbidden', 'API tokens cannot be used here')
  return caller
}

/**
 * Middleware: 401 without a caller, 403 unless the policy table lets the caller perform `action` (in the
 * route's `:spaceId` for space-scoped actions). An API token may act only in its own space (elsewhere it
 * gets the unknown-token 401) and only within its scope. Every refusal is audited as `denied`. It is also
 * the route's audit declaration (`audit-declaration.ts`): the action the service it calls records, `action`
 * itself unless `options.audit` names another (`content.write` is recorded as `content.create`, …).
 * @example entries.post('/', authorize('content.write', { audit: { action: 'content.create' } }), handler)
 */
export function authorize(
  action: Action,
  options: { audit?: AuditDeclaration } = {},
): MiddlewareHandler<CmsHono> {
  const declaration = options.audit ?? { action }
  const middleware = declareAudit(async (c, next) => {
    const caller = await requirePrincipal(c)
    let allowed: boolean
    if (caller.via === 'api_token') {
      await requireTokenSpace(c.var.scope, caller, c.req.param('spaceId'))
      allowed = c.req.param('spaceId') === caller.spaceId && tokenMay(caller, action)
    } else {
      allowed = can(caller.roles, action, c.req.param('spaceId'))
    }
    if (!allowed) {
      const spaceId = routeSpaceId(c)
      await c.var.scope.audit.record({
        action,
        outcome: 'denied',
        reason: 'forbidden',
        ...(spaceId ? { spaceId } : {}),
      })
      throw new HttpProblem(403, 'forbidden', 'Not allowed')
    }
    await next()
  }, declaration)
  return declareAction(middleware, action)
}

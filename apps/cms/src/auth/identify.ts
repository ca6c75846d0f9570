/**
 * Who is calling. With an `Authorization` header the caller is whatever that header proves and cookies
 * are ignored; otherwise the session cookie's `sid` is looked up in D1 (revoked, expired and disabled
 * sessions stop here). Roles are always read from D1, never from a token.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { type AppEnv, type Caller, nowMs } from '../app-env'
import { loadRoles } from '../db/roles'
import { findActiveSession } from '../db/sessions'
import { upsertOidcUser } from '../db/users'
import { HttpProblem } from '../http/problem'
import { verifyIdpToken } from './oidc'
import { type Action, can } from './policy'
import { sessionIssuer, sessionToken } from './session'

/**
 * The bearer token of an `Authorization: Bearer …` header; a 401 problem for any other scheme.
 * @example const token = bearerToken(c)
 */
export function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization')
  if (header === undefined) return undefined
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header)
  if (!match?.[1]) throw new HttpProblem(401, 'unauthenticated', 'Unsupported Authorization header')
  return match[1]
}

/**
 * Resolves the user behind an IdP token (creating it, roleless, on first sight). 401 on any token failure.
 * @example const { userId } = await oidcUser(c, token)
 */
export async function oidcUser(
  c: Context<AppEnv>,
  token: string,
): Promise<{ userId: string; authenticatedAt: number }> {
  const oidc = c.var.config.oidc
  if (!oidc) throw new HttpProblem(401, 'unauthenticated', 'Bearer tokens are not accepted here')
  let identity: Awaited<ReturnType<typeof verifyIdpToken>>
  try {
    identity = await verifyIdpToken(oidc, c.env, c.var.deps, token)
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (code === 'ERR_JWT_SCOPE') throw new HttpProblem(403, 'forbidden', 'Token lacks the required scope')
    if (code === 'ERR_JWKS_FETCH' || code === 'ERR_OIDC_DISCOVERY') {
      console.error(JSON.stringify({ level: 'error', event: 'oidc_unavailable', code }))
    }
    throw new HttpProblem(401, 'unauthenticated', 'Invalid bearer token')
  }
  const now = nowMs(c)
  const user = await upsertOidcUser(c.env.DB, { iss: identity.iss, sub: identity.sub, now })
  if (user.status !== 'active') throw new HttpProblem(401, 'unauthenticated', 'Invalid bearer token')
  return { userId: user.id, authenticatedAt: identity.authenticatedAt }
}

async function resolve(c: Context<AppEnv>): Promise<Caller | null> {
  const bearer = bearerToken(c)
  if (bearer !== undefined) {
    const { userId, authenticatedAt } = await oidcUser(c, bearer)
    return {
      userId,
      via: 'bearer',
      sid: undefined,
      authenticatedAt,
      roles: await loadRoles(c.env.DB, userId),
    }
  }
  const token = sessionToken(c)
  if (!token) return null
  let sid: string
  try {
    sid = (await sessionIssuer(c.var.config).verify(token)).sid
  } catch {
    return null
  }
  const session = await findActiveSession(c.env.DB, sid, nowMs(c))
  if (!session) return null
  return {
    userId: session.userId,
    via: 'session',
    sid: session.sid,
    authenticatedAt: session.authenticatedAt,
    roles: await loadRoles(c.env.DB, session.userId),
  }
}

/**
 * The caller of this request (resolved once, then remembered on the context), or `null`.
 * @example const caller = await getCaller(c)
 */
export async function getCaller(c: Context<AppEnv>): Promise<Caller | null> {
  if (c.var.caller === undefined) c.set('caller', await resolve(c))
  return c.var.caller ?? null
}

/**
 * Requires any authenticated caller (401 otherwise).
 * @example const caller = await requireCaller(c)
 */
export async function requireCaller(c: Context<AppEnv>): Promise<Caller> {
  const caller = await getCaller(c)
  if (!caller) throw new HttpProblem(401, 'unauthenticated', 'Sign in first')
  return caller
}

/**
 * Middleware: 401 without a caller, 403 unless the policy table lets the caller perform `action` (in the
 * route's `:spaceId` for space-scoped actions).
 * @example spaces.patch('/:spaceId', authorize('spaces.rename'), handler)
 */
export function authorize(action: Action): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await requireCaller(c)
    if (!can(caller.roles, action, c.req.param('spaceId'))) {
      throw new HttpProblem(403, 'forbidden', 'Not allowed')
    }
    await next()
  }
}

/**
 * The HTTP shell of the dashboard's IdP sign-in (the protocol is `oidc-sign-in.ts`): the start calls the
 * service, keeps the sealed flow it returns in a short-lived (10 min), HttpOnly cookie and redirects to the
 * IdP; the callback hands the service the request URL and that cookie, and clears the cookie whatever
 * happens (one use only). The redirect URI is this origin's `/login/oidc/callback`.
 */
import type { Context } from 'hono'
import { cookieNaming, readCookie } from '../../http/cookies'
import type { CmsHono } from '../../http/hono-types'
import { HttpProblem } from '../../http/problem'
import { oidcCacheStore } from './idp-verifier'
import { OIDC_FLOW_TTL_MS } from './oidc-flow'
import type { IdpTransport } from './oidc-idp-server'
import { finishOidcSignIn, IdpUnavailable, type OidcSignInResult, startOidcSignIn } from './oidc-sign-in'

/** `__Host-cms_oidc`, or `cms_oidc` in development over plain http. */
const FLOW_COOKIE = 'cms_oidc'
const CALLBACK_PATH = '/login/oidc/callback'

function setFlowCookie(c: Context<CmsHono>, value: string, maxAge: number): void {
  const { name, secure } = cookieNaming(c, FLOW_COOKIE)
  // Lax, not Strict: the callback is a top-level navigation coming back from the IdP's site.
  const attrs = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`
  c.header('Set-Cookie', `${name}=${value}; ${attrs}`, { append: true })
}

function idpTransport(c: Context<CmsHono>): IdpTransport {
  return { cache: oidcCacheStore(c.env), fetch: c.var.deps.oidcFetch }
}

function requireDashboardClient(c: Context<CmsHono>): void {
  if (!c.var.config.oidc?.clientId) {
    throw new HttpProblem(404, 'wrong_auth_provider', 'IdP sign-in is not configured')
  }
}

/**
 * Starts the flow: sets the flow cookie and redirects to the IdP (502 when the IdP's discovery fails).
 * With `reauth`, the IdP is asked to authenticate the user again whatever session it has.
 * @example dashboard.get('/login/oidc', (c) => startOidcLogin(c, '/spaces'))
 */
export async function startOidcLogin(
  c: Context<CmsHono>,
  next: string,
  options: { reauth?: boolean } = {},
): Promise<Response> {
  requireDashboardClient(c)
  const redirectUri = `${new URL(c.req.url).origin}${CALLBACK_PATH}`
  let started: { authorizationUrl: string; kept: string }
  try {
    started = await startOidcSignIn(c.var.scope, idpTransport(c), { redirectUri, next, ...options })
  } catch (err) {
    if (!(err instanceof IdpUnavailable)) throw err
    console.error(JSON.stringify({ level: 'error', event: 'oidc_unavailable', code: 'discovery' }))
    throw new HttpProblem(502, 'upstream_failed', 'The identity provider is unavailable')
  }
  setFlowCookie(c, started.kept, OIDC_FLOW_TTL_MS / 1000)
  return c.redirect(started.authorizationUrl, 303)
}

/**
 * Completes the flow at the callback; the service audits the outcome.
 * @example
 * const result = await finishOidcLogin(c)
 * if (result.ok) await beginSession(c, result.userId, 'oidc', { authenticatedAt: result.authenticatedAt })
 */
export async function finishOidcLogin(c: Context<CmsHono>): Promise<OidcSignInResult> {
  requireDashboardClient(c)
  const kept = readCookie(c, cookieNaming(c, FLOW_COOKIE).name)
  setFlowCookie(c, '', 0)
  return finishOidcSignIn(c.var.scope, idpTransport(c), new URL(c.req.url), kept)
}

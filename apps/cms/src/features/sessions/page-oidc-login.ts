/**
 * Dashboard sign-in through the IdP: OAuth 2.0 authorization code with PKCE (RFC 7636, S256) for the
 * public client `OIDC_CLIENT_ID`. The start sets `state`, `nonce` and the code verifier in a short-lived
 * (10 min), HttpOnly, HMAC-signed cookie (key derived from the session secret, its own HKDF label) and
 * redirects to the discovered `authorization_endpoint`. The callback checks the cookie and `state`
 * (constant time), exchanges the code at the discovered `token_endpoint` (redirects refused, timeout, body
 * cap), verifies the ID token with @alokai/auth-oidc (`iss` exact, `aud` = the client id, signature from the
 * IdP's JWKS) and its `nonce`, and maps (iss, sub) to a CMS user. The caller then starts a normal session
 * whose "signed in at" is the ID token's `auth_time` (absent: not recent), never the time of the callback,
 * since an IdP may answer from a single sign-on session that is hours old. A re-authentication (before a
 * token reveal) sends `prompt=login` and `max_age=0`, and its callback refuses an ID token whose
 * `auth_time` is missing or older than the flow. Endpoints must be https (plain http only to loopback, in
 * development).
 */
import { discoverOidc, getOidcVerifier } from '@alokai/auth-oidc'
import { constantTimeEqual, decodeBase64url, encodeBase64url, fetchJsonBounded } from '@alokai/internal'
import type { Context } from 'hono'
import { derivedHmacKey } from '../../crypto/derived-key'
import type { CmsConfig } from '../../domain/config'
import { cookieNaming, readCookie } from '../../http/cookies'
import type { CmsHono } from '../../http/hono-types'
import { HttpProblem } from '../../http/problem'
import { userOfIdentity } from '../users/service'
import { oidcCacheStore } from './idp-verifier'

/** `__Host-cms_oidc`, or `cms_oidc` in development over plain http. */
const FLOW_COOKIE = 'cms_oidc'
const FLOW_TTL_MS = 10 * 60 * 1000
const MAX_RESPONSE_BYTES = 64 * 1024
const TIMEOUT_MS = 10_000
const CALLBACK_PATH = '/login/oidc/callback'
// How far the IdP's clock may be behind ours when a re-authentication's `auth_time` is compared.
const CLOCK_SKEW_MS = 60_000

/**
 * What the callback proved: a CMS user, when they authenticated at the IdP (epoch ms, 0 when the ID token
 * does not say) and where to continue; or a fixed failure reason.
 */
export type OidcLoginResult =
  | { ok: true; userId: string; authenticatedAt: number; next: string }
  | { ok: false; reason: string }

interface FlowState {
  state: string
  nonce: string
  verifier: string
  next: string
  /** The user must authenticate again at the IdP during this flow. */
  reauth: boolean
  expiresAt: number
}

const te = new TextEncoder()

function randomToken(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(32)))
}

function setFlowCookie(c: Context<CmsHono>, value: string, maxAge: number): void {
  const { name, secure } = cookieNaming(c, FLOW_COOKIE)
  // Lax, not Strict: the callback is a top-level navigation coming back from the IdP's site.
  const attrs = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`
  c.header('Set-Cookie', `${name}=${value}; ${attrs}`, { append: true })
}

async function sealFlow(config: CmsConfig, flow: FlowState): Promise<string> {
  const body = encodeBase64url(te.encode(JSON.stringify(flow)))
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await derivedHmacKey(config, 'oidc-login'), te.encode(body)),
  )
  return `${body}.${encodeBase64url(mac)}`
}

async function openFlow(
  config: CmsConfig,
  value: string | undefined,
  now: number,
): Promise<FlowState | null> {
  const [body, mac, extra] = (value ?? '').split('.')
  if (!body || !mac || extra !== undefined) return null
  // Strict decoding: a cookie has one accepted spelling, so a padded or re-spelled MAC is refused.
  const macBytes = decodeBase64url(mac)
  const bodyBytes = decodeBase64url(body)
  if (!macBytes || !bodyBytes) return null
  try {
    const key = await derivedHmacKey(config, 'oidc-login')
    if (!(await crypto.subtle.verify('HMAC', key, macBytes, te.encode(body)))) return null
    const flow = JSON.parse(new TextDecoder().decode(bodyBytes)) as FlowState
    return typeof flow.expiresAt === 'number' && flow.expiresAt > now ? flow : null
  } catch {
    return null
  }
}

/**
 * `discoverOidc` keeps an endpoint only when it is https or plain http to loopback (the shared dev-host
 * rule); the second is for a developer's local IdP, so a deployed CMS refuses it.
 */
function allowedEndpoint(c: Context<CmsHono>, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  return new URL(value).protocol === 'https:' || c.var.config.environment === 'development'
    ? value
    : undefined
}

/** A JSON object from the IdP: no redirects, a timeout, and a body cap enforced while reading. */
async function fetchJson(
  c: Context<CmsHono>,
  url: string,
  request: { method?: 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<Record<string, unknown>> {
  const { json } = await fetchJsonBounded(url, {
    fetch: c.var.deps.oidcFetch,
    timeoutMs: TIMEOUT_MS,
    maxBytes: MAX_RESPONSE_BYTES,
    ...request,
  })
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('idp_bad_json')
  return json as Record<string, unknown>
}

interface Endpoints {
  authorization: string
  token: string
}

/** The IdP's endpoints from auth-oidc's discovery: validated, and cached with the ID-token verifier's. */
async function discover(c: Context<CmsHono>, issuer: string): Promise<Endpoints> {
  const doc = await discoverOidc(issuer, {
    cache: oidcCacheStore(c.env),
    ...(c.var.deps.oidcFetch ? { fetch: c.var.deps.oidcFetch } : {}),
  })
  const authorization = allowedEndpoint(c, doc.authorization_endpoint)
  const token = allowedEndpoint(c, doc.token_endpoint)
  if (!authorization || !token) throw new Error('idp_bad_discovery')
  return { authorization, token }
}

function oidcConfig(c: Context<CmsHono>): { issuer: string; clientId: string } {
  const oidc = c.var.config.oidc
  if (!oidc?.clientId) throw new HttpProblem(404, 'wrong_auth_provider', 'IdP sign-in is not configured')
  return { issuer: oidc.issuer, clientId: oidc.clientId }
}

function redirectUri(c: Context<CmsHono>): string {
  return `${new URL(c.req.url).origin}${CALLBACK_PATH}`
}

/**
 * Starts the flow: sets the signed flow cookie and redirects to the IdP. With `reauth`, the IdP is asked
 * to authenticate the user again whatever session it has (`prompt=login`, `max_age=0`).
 * @example dashboard.get('/login/oidc', (c) => startOidcLogin(c, '/spaces'))
 */
export async function startOidcLogin(
  c: Context<CmsHono>,
  next: string,
  options: { reauth?: boolean } = {},
): Promise<Response> {
  const { issuer, clientId } = oidcConfig(c)
  let endpoints: Endpoints
  try {
    endpoints = await discover(c, issuer)
  } catch {
    console.error(JSON.stringify({ level: 'error', event: 'oidc_unavailable', code: 'discovery' }))
    throw new HttpProblem(502, 'upstream_failed', 'The identity provider is unavailable')
  }
  const flow: FlowState = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    next,
    reauth: options.reauth === true,
    expiresAt: c.var.scope.now() + FLOW_TTL_MS,
  }
  const challenge = encodeBase64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', te.encode(flow.verifier))),
  )
  setFlowCookie(c, await sealFlow(c.var.config, flow), FLOW_TTL_MS / 1000)
  const target = new URL(endpoints.authorization)
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(c),
    scope: 'openid',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    // max_age also obliges the IdP to put auth_time in the ID token (OpenID Connect Core 3.1.2.1).
    ...(flow.reauth ? { prompt: 'login', max_age: '0' } : {}),
  }))
    target.searchParams.set(k, v)
  return c.redirect(target.href, 303)
}

async function failed(c: Context<CmsHono>, reason: string): Promise<OidcLoginResult> {
  await c.var.scope.audit.record({ action: 'auth.oidc_login', outcome: 'failure', reason })
  return { ok: false, reason }
}

/**
 * Completes the flow at the callback; the flow cookie is cleared whatever happens (one use only).
 * @example
 * const result = await finishOidcLogin(c)
 * if (result.ok) await beginSession(c, result.userId, 'oidc', { authenticatedAt: result.authenticatedAt })
 */
export async function finishOidcLogin(c: Context<CmsHono>): Promise<OidcLoginResult> {
  const { issuer, clientId } = oidcConfig(c)
  const { name } = cookieNaming(c, FLOW_COOKIE)
  const flow = await openFlow(c.var.config, readCookie(c, name), c.var.scope.now())
  setFlowCookie(c, '', 0)
  const state = c.req.query('state')
  const code = c.req.query('code')
  if (!flow) return failed(c, 'flow_missing')
  if (state === undefined || !constantTimeEqual(state, flow.state)) return failed(c, 'state_mismatch')
  if (c.req.query('error') !== undefined || code === undefined || code === '') return failed(c, 'idp_error')
  let idToken: unknown
  try {
    const endpoints = await discover(c, issuer)
    const body = await fetchJson(c, endpoints.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(c),
        client_id: clientId,
        code_verifier: flow.verifier,
      }).toString(),
    })
    idToken = body.id_token
  } catch {
    return failed(c, 'token_exchange')
  }
  if (typeof idToken !== 'string') return failed(c, 'token_exchange')
  let payload: Record<string, unknown>
  try {
    const verifier = getOidcVerifier({
      issuer,
      audience: clientId,
      requiredClaims: ['sub', 'nonce', 'iat'],
      cache: oidcCacheStore(c.env),
      ...(c.var.deps.oidcFetch ? { fetch: c.var.deps.oidcFetch } : {}),
    })
    payload = (await verifier.verify(idToken)).payload as Record<string, unknown>
  } catch {
    return failed(c, 'id_token_invalid')
  }
  if (typeof payload.nonce !== 'string' || !constantTimeEqual(payload.nonce, flow.nonce)) {
    return failed(c, 'nonce_mismatch')
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') return failed(c, 'id_token_invalid')
  const authTime = typeof payload.auth_time === 'number' ? payload.auth_time * 1000 : null
  if (flow.reauth && (authTime === null || authTime < flow.expiresAt - FLOW_TTL_MS - CLOCK_SKEW_MS)) {
    return failed(c, 'reauth_missing')
  }
  const user = await userOfIdentity(c.var.scope, { iss: issuer, sub: payload.sub })
  if (user.status !== 'active') return failed(c, 'user_disabled')
  await c.var.scope.audit.record({
    action: 'auth.oidc_login',
    outcome: 'success',
    actor: { type: 'user', id: user.id },
  })
  return { ok: true, userId: user.id, authenticatedAt: authTime ?? 0, next: flow.next }
}

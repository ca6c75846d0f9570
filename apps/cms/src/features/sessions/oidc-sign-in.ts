/**
 * Dashboard sign-in through the IdP, as a service: the OAuth 2.0 authorization-code flow with PKCE (RFC
 * 7636, S256) for the public client `OIDC_CLIENT_ID`, on `oauth4webapi` (the authorization request's
 * values, the callback's validation — `state`, the IdP's `error`, the RFC 9207 `iss` — the code exchange
 * and the token response with its ID-token claims and `nonce`). `@alokai/auth-oidc` still verifies the ID
 * token's signature against the IdP's JWKS with its claims (`iss` exact, `aud` = the client id), as for
 * bearer tokens, and its discovery (cached with the verifier's) names the endpoints. The IdP is reached
 * only through the CMS's bounded JSON fetch (no redirects, a timeout, a body cap), handed to oauth4webapi
 * as its `customFetch`; plain http only to loopback, in development. The signed-in user's "authenticated
 * at" is the ID token's `auth_time` (absent: not recent), never the time of the callback, since an IdP may
 * answer from a single sign-on session hours old; a re-authentication sends `prompt=login` and
 * `max_age=0` and refuses an `auth_time` that is missing or older than the flow; one in the future is
 * always refused. It takes the request
 * `Scope`, so it runs the same from the page, a test or anything else.
 */
import { type CacheStore, discoverOidc, getOidcVerifier, type OidcAlgorithm } from '@alokai/auth-oidc'
import { constantTimeEqual, fetchJsonBounded } from '@alokai/internal'
import * as oauth from 'oauth4webapi'
import type { Scope } from '../../domain/scope'
import { idpProfileOf } from '../users/idp-profile'
import { userOfIdentity } from '../users/service'
import { authTimeOf, CLOCK_SKEW_MS } from './auth-time'
import { type OidcFlow, openOidcFlow, sealOidcFlow } from './oidc-flow'

const MAX_RESPONSE_BYTES = 64 * 1024
const TIMEOUT_MS = 10_000
// The ID token's algorithms: auth-oidc's verifier accepts these, and oauth4webapi's header check is told
// the same list (not the IdP's advertisement, and not its RS256-only fallback).
const ID_TOKEN_ALGORITHMS: OidcAlgorithm[] = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA']

/** How the service reaches the IdP: the shared document cache, and a replacement `fetch` in tests. */
export interface IdpTransport {
  cache: CacheStore
  /** @default globalThis.fetch */
  fetch?: typeof fetch | undefined
}

/** Why a callback signed nobody in; each is the `reason` of its `auth.oidc_login` audit entry. */
type OidcSignInFailure =
  | 'flow_missing'
  | 'state_mismatch'
  | 'callback_invalid'
  | 'idp_error'
  | 'token_exchange'
  | 'id_token_invalid'
  | 'nonce_mismatch'
  | 'reauth_missing'
  | 'auth_time_in_future'
  | 'user_disabled'

/**
 * What a callback proved: a CMS user, when they authenticated at the IdP (epoch ms, 0 when the ID token
 * does not say) and where to continue; or why not.
 */
export type OidcSignInResult =
  | { ok: true; userId: string; authenticatedAt: number; next: string }
  | { ok: false; reason: OidcSignInFailure }

/** The IdP's discovery document could not be read or names no usable endpoints. */
export class IdpUnavailable extends Error {
  override readonly name: string = 'IdpUnavailable'
  constructor(options?: { cause?: unknown }) {
    super('The identity provider is unavailable', options)
  }
}

interface DashboardClient {
  issuer: string
  client: oauth.Client
}

function dashboardClient(scope: Scope): DashboardClient {
  const oidc = scope.config.oidc
  // The edge answers 404 before calling when no dashboard client is configured.
  if (!oidc?.clientId) throw new Error('IdP sign-in is not configured')
  return { issuer: oidc.issuer, client: { client_id: oidc.clientId } }
}

/**
 * The IdP as oauth4webapi describes it, from auth-oidc's discovery (which keeps an endpoint only when it is
 * https or plain http to loopback); the loopback case is for a developer's local IdP, so a deployed CMS
 * refuses it.
 */
async function authorizationServer(scope: Scope, idp: IdpTransport): Promise<oauth.AuthorizationServer> {
  const { issuer } = dashboardClient(scope)
  const doc = await discoverOidc(issuer, { cache: idp.cache, ...(idp.fetch ? { fetch: idp.fetch } : {}) })
  const allowed = (url: string | undefined): url is string =>
    url !== undefined && (new URL(url).protocol === 'https:' || scope.config.environment === 'development')
  if (!allowed(doc.authorization_endpoint) || !allowed(doc.token_endpoint)) {
    throw new Error('idp_bad_discovery')
  }
  return {
    issuer: doc.issuer,
    jwks_uri: doc.jwks_uri,
    authorization_endpoint: doc.authorization_endpoint,
    token_endpoint: doc.token_endpoint,
    id_token_signing_alg_values_supported: [...ID_TOKEN_ALGORITHMS],
  }
}

/** oauth4webapi's requests to the IdP, through the one bounded JSON reader. */
function idpRequests(scope: Scope, idp: IdpTransport): oauth.TokenEndpointRequestOptions {
  return {
    [oauth.customFetch]: async (url, init) => {
      const { json } = await fetchJsonBounded(url, {
        fetch: idp.fetch,
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_RESPONSE_BYTES,
        method: 'POST',
        headers: init.headers,
        body: init.body.toString(),
      })
      // Only a 200 JSON answer gets here; oauth4webapi validates its members.
      return Response.json(json)
    },
    // oauth4webapi refuses plain http by default; `authorizationServer` has already limited it to loopback
    // in development, which is what this flag allows.
    ...(scope.config.environment === 'development' ? { [oauth.allowInsecureRequests]: true } : {}),
  }
}

/**
 * Starts a sign-in: the IdP's authorization URL to redirect to, and the sealed flow the browser must keep
 * until the callback. With `reauth`, the IdP is asked to authenticate the user again whatever session it
 * has. Throws {@link IdpUnavailable} when the IdP's discovery fails.
 * @example
 * const { authorizationUrl, kept } = await startOidcSignIn(scope, idp, { redirectUri, next: '/spaces' })
 */
export async function startOidcSignIn(
  scope: Scope,
  idp: IdpTransport,
  request: { redirectUri: string; next: string; reauth?: boolean },
): Promise<{ authorizationUrl: string; kept: string }> {
  const { client } = dashboardClient(scope)
  let as: oauth.AuthorizationServer
  try {
    as = await authorizationServer(scope, idp)
  } catch (cause) {
    throw new IdpUnavailable({ cause })
  }
  const flow: OidcFlow = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    verifier: oauth.generateRandomCodeVerifier(),
    next: request.next,
    reauth: request.reauth === true,
    redirectUri: request.redirectUri,
    startedAt: scope.now(),
  }
  const target = new URL(as.authorization_endpoint ?? '')
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: flow.redirectUri,
    scope: 'openid email profile',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    // max_age also obliges the IdP to put auth_time in the ID token (OpenID Connect Core 3.1.2.1).
    ...(flow.reauth ? { prompt: 'login', max_age: '0' } : {}),
  }))
    target.searchParams.set(k, v)
  return { authorizationUrl: target.href, kept: await sealOidcFlow(scope.config, flow) }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/**
 * Which step refused the token response: oauth4webapi attaches the response body to failures of the
 * response itself, the claim (or the JWT) to failures of the ID token; anything else is the exchange.
 */
function exchangeFailure(err: unknown): OidcSignInFailure {
  if (!(err instanceof oauth.OperationProcessingError)) return 'token_exchange'
  if (isRecord(err.cause) && 'body' in err.cause) return 'token_exchange'
  if (isRecord(err.cause) && err.cause.claim === 'nonce') return 'nonce_mismatch'
  return 'id_token_invalid'
}

async function failed(scope: Scope, reason: OidcSignInFailure): Promise<OidcSignInResult> {
  await scope.audit.record({ action: 'auth.oidc_login', outcome: 'failure', reason })
  return { ok: false, reason }
}

/**
 * Completes a sign-in from the callback URL the IdP sent the browser to and the sealed flow the browser
 * kept (the edge forgets that value whatever happens: one use). Records `auth.oidc_login` either way.
 * @example
 * const result = await finishOidcSignIn(scope, idp, new URL(request.url), kept)
 * if (result.ok) await beginSession(c, result.userId, 'oidc', { authenticatedAt: result.authenticatedAt })
 */
export async function finishOidcSignIn(
  scope: Scope,
  idp: IdpTransport,
  callbackUrl: URL,
  kept: string | undefined,
): Promise<OidcSignInResult> {
  const { issuer, client } = dashboardClient(scope)
  const flow = await openOidcFlow(scope.config, kept, scope.now())
  if (!flow) return failed(scope, 'flow_missing')
  // Constant time here; oauth4webapi then checks `state` again (only ever against an equal value).
  const state = callbackUrl.searchParams.get('state')
  if (state === null || !constantTimeEqual(state, flow.state)) return failed(scope, 'state_mismatch')
  let as: oauth.AuthorizationServer
  try {
    as = await authorizationServer(scope, idp)
  } catch {
    return failed(scope, 'token_exchange')
  }
  let callback: URLSearchParams
  try {
    callback = oauth.validateAuthResponse(as, client, callbackUrl.searchParams, flow.state)
  } catch (err) {
    return failed(scope, err instanceof oauth.AuthorizationResponseError ? 'idp_error' : 'callback_invalid')
  }
  if (!callback.get('code')) return failed(scope, 'idp_error')
  let idToken: string
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      callback,
      flow.redirectUri,
      flow.verifier,
      idpRequests(scope, idp),
    )
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: flow.nonce,
      requireIdToken: true,
    })
    idToken = tokens.id_token ?? ''
  } catch (err) {
    return failed(scope, exchangeFailure(err))
  }
  let payload: Record<string, unknown>
  try {
    const verifier = getOidcVerifier({
      issuer,
      audience: client.client_id,
      algorithms: ID_TOKEN_ALGORITHMS,
      requiredClaims: ['sub', 'nonce', 'iat'],
      cache: idp.cache,
      ...(idp.fetch ? { fetch: idp.fetch } : {}),
    })
    payload = (await verifier.verify(idToken)).payload as Record<string, unknown>
  } catch {
    return failed(scope, 'id_token_invalid')
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') return failed(scope, 'id_token_invalid')
  const authTime = authTimeOf(payload.auth_time, scope.now())
  if (authTime === 'future') return failed(scope, 'auth_time_in_future')
  if (flow.reauth && (authTime === null || authTime < flow.startedAt - CLOCK_SKEW_MS)) {
    return failed(scope, 'reauth_missing')
  }
  const user = await userOfIdentity(scope, { iss: issuer, sub: payload.sub }, idpProfileOf(payload))
  if (user.status !== 'active') return failed(scope, 'user_disabled')
  await scope.audit.record({
    action: 'auth.oidc_login',
    outcome: 'success',
    actor: { type: 'user', id: user.id },
  })
  return { ok: true, userId: user.id, authenticatedAt: authTime ?? 0, next: flow.next }
}

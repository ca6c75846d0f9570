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
 * always refused. The user's email and name come from the ID token, completed from the IdP's userinfo
 * endpoint when it has one and the ID token lacks them (`oidc-userinfo.ts`). It takes the request
 * `Scope`, so it runs the same from the page, a test or anything else.
 */
import { getOidcVerifier } from '@alokai/auth-oidc'
import { constantTimeEqual } from '@alokai/internal'
import * as oauth from 'oauth4webapi'
import type { Scope } from '../../domain/scope'
import { idpProfileOf, lacksProfileClaims } from '../users/idp-profile'
import { userOfIdentity } from '../users/service'
import { authTimeOf, CLOCK_SKEW_MS } from './auth-time'
import { type OidcFlow, openOidcFlow, sealOidcFlow } from './oidc-flow'
import {
  authorizationServer,
  dashboardClient,
  ID_TOKEN_ALGORITHMS,
  type IdpTransport,
  idpRequests,
} from './oidc-idp-server'
import { userinfoClaims } from './oidc-userinfo'

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
  let accessToken: string
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
    accessToken = tokens.access_token
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
  const userinfo =
    as.userinfo_endpoint !== undefined && lacksProfileClaims(payload)
      ? await userinfoClaims(as, client, { accessToken, sub: payload.sub }, idpRequests(scope, idp))
      : {}
  const profile = idpProfileOf(payload, userinfo ?? {})
  // A failed userinfo says nothing: the claims it would have given keep their stored values.
  const identity = { iss: issuer, sub: payload.sub }
  const user = await userOfIdentity(scope, identity, profile, { keepStored: userinfo === null })
  if (user.status !== 'active') return failed(scope, 'user_disabled')
  await scope.audit.record({
    action: 'auth.oidc_login',
    outcome: 'success',
    actor: { type: 'user', id: user.id },
  })
  return { ok: true, userId: user.id, authenticatedAt: authTime ?? 0, next: flow.next }
}

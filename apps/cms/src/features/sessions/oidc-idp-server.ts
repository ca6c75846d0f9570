/**
 * How the dashboard's IdP sign-in reaches the IdP: the public client `OIDC_CLIENT_ID`, the IdP described
 * for oauth4webapi from `@alokai/auth-oidc`'s cached discovery (the authorization, token and, when
 * published, userinfo endpoints; each https, or plain http to loopback in development only), and
 * oauth4webapi's requests sent through the CMS's one bounded JSON fetch (no redirects, 10 s, 64 KiB) as its
 * `customFetch`.
 */
import { type CacheStore, discoverOidc, type OidcAlgorithm } from '@alokai/auth-oidc'
import { fetchJsonBounded } from '@alokai/internal'
import * as oauth from 'oauth4webapi'
import type { Scope } from '../../domain/scope'

const MAX_RESPONSE_BYTES = 64 * 1024
const TIMEOUT_MS = 10_000

/**
 * The ID token's algorithms: auth-oidc's verifier accepts these, and oauth4webapi's header check is told
 * the same list (not the IdP's advertisement, and not its RS256-only fallback).
 * @example getOidcVerifier({ issuer, audience, algorithms: ID_TOKEN_ALGORITHMS })
 */
export const ID_TOKEN_ALGORITHMS: OidcAlgorithm[] = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA']

/**
 * How the service reaches the IdP: the shared document cache, and a replacement `fetch` in tests.
 * @example const idp: IdpTransport = { cache: oidcCacheStore(env), fetch: deps.oidcFetch }
 */
export interface IdpTransport {
  cache: CacheStore
  /** @default globalThis.fetch */
  fetch?: typeof fetch | undefined
}

/** The configured issuer and the dashboard's public client. */
interface DashboardClient {
  issuer: string
  client: oauth.Client
}

/**
 * The configured issuer and the dashboard's public client; throws when no client id is configured (the
 * edge answers 404 before calling in that case).
 * @example const { issuer, client } = dashboardClient(scope)
 */
export function dashboardClient(scope: Scope): DashboardClient {
  const oidc = scope.config.oidc
  if (!oidc?.clientId) throw new Error('IdP sign-in is not configured')
  return { issuer: oidc.issuer, client: { client_id: oidc.clientId } }
}

/**
 * The IdP as oauth4webapi describes it, from auth-oidc's discovery (which keeps an endpoint only when it is
 * https or plain http to loopback); the loopback case is for a developer's local IdP, so a deployed CMS
 * refuses it. A userinfo endpoint that fails the same rule is left out (the sign-in then does without).
 * @example const as = await authorizationServer(scope, idp)
 */
export async function authorizationServer(
  scope: Scope,
  idp: IdpTransport,
): Promise<oauth.AuthorizationServer> {
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
    ...(allowed(doc.userinfo_endpoint) ? { userinfo_endpoint: doc.userinfo_endpoint } : {}),
    id_token_signing_alg_values_supported: [...ID_TOKEN_ALGORITHMS],
  }
}

/**
 * oauth4webapi's request options for the token and userinfo requests: every call through the one bounded
 * JSON reader (only a 200 JSON answer comes back; oauth4webapi validates its members).
 * @example await oauth.userInfoRequest(as, client, accessToken, idpRequests(scope, idp))
 */
export function idpRequests(
  scope: Scope,
  idp: IdpTransport,
): oauth.TokenEndpointRequestOptions & oauth.UserInfoRequestOptions {
  const bounded = async (
    url: string,
    init: { method: string; headers: Record<string, string>; body?: URLSearchParams | null },
  ): Promise<Response> => {
    const { json } = await fetchJsonBounded(url, {
      fetch: idp.fetch,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_RESPONSE_BYTES,
      method: init.method === 'POST' ? 'POST' : 'GET',
      headers: init.headers,
      ...(init.body ? { body: init.body.toString() } : {}),
    })
    return Response.json(json)
  }
  return {
    [oauth.customFetch]: bounded,
    // oauth4webapi refuses plain http by default; `authorizationServer` has already limited it to loopback
    // in development, which is what this flag allows.
    ...(scope.config.environment === 'development' ? { [oauth.allowInsecureRequests]: true } : {}),
  }
}

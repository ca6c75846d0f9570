/**
 * The userinfo step of the dashboard's IdP sign-in (OpenID Connect Core 5.3). With the code flow an IdP
 * may keep the `email` and `profile` claims out of the ID token and answer them at its userinfo endpoint
 * only (`oidc-provider` does so by default), so when the discovery document names that endpoint and the ID
 * token lacks `email` or `name`, the sign-in asks it with the access token, through the same bounded fetch.
 * The answer's `sub` must be the ID token's (5.3.2), or nothing of it is kept. Userinfo only completes a
 * profile: a failure (unreachable, an error status, a signed or malformed answer, another `sub`) never
 * fails the sign-in, which goes on with the ID token's claims (what userinfo would have said stays as the
 * last sign-in stored it), and is logged as one line with a fixed reason — never the access token, the
 * answer or the address.
 */
import { BoundedFetchError } from '@alokai/internal'
import * as oauth from 'oauth4webapi'

/** Why a userinfo answer was not used. */
type UserinfoFailure = 'unavailable' | 'sub_mismatch' | 'invalid_response'

function failureOf(err: unknown): { reason: UserinfoFailure; code?: string } {
  if (err instanceof BoundedFetchError) return { reason: 'unavailable', code: err.reason }
  const cause: unknown = err instanceof oauth.OperationProcessingError ? err.cause : undefined
  if (typeof cause === 'object' && cause !== null && 'attribute' in cause && cause.attribute === 'sub') {
    return { reason: 'sub_mismatch' }
  }
  return { reason: 'invalid_response' }
}

/**
 * The IdP's userinfo claims about `sub`, or `null` when they could not be had (logged). Only call it when
 * `as.userinfo_endpoint` is set.
 * @example const userinfo = await userinfoClaims(as, client, { accessToken, sub }, idpRequests(scope, idp))
 */
export async function userinfoClaims(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  tokens: { accessToken: string; sub: string },
  options: oauth.UserInfoRequestOptions,
): Promise<Record<string, unknown> | null> {
  try {
    const response = await oauth.userInfoRequest(as, client, tokens.accessToken, options)
    return { ...(await oauth.processUserInfoResponse(as, client, tokens.sub, response)) }
  } catch (err) {
    console.warn(JSON.stringify({ level: 'warn', event: 'oidc_userinfo_failed', ...failureOf(err) }))
    return null
  }
}

/**
 * The `WWW-Authenticate` challenge of the CMS's bearer scheme (RFC 6750 §3): every 401 answered to a
 * request that sent credentials carries one, so a client learns the scheme to use, and, where a token was
 * presented, that the token is what failed (`invalid_token`) or that the header itself was malformed
 * (`invalid_request`). The error code never says why a token failed: an unknown, revoked or expired token
 * read alike.
 */

/** An RFC 6750 error code, or none (credentials of another scheme: only the scheme is named). */
export type BearerError = 'invalid_token' | 'invalid_request'

/**
 * The response headers of a bearer 401.
 * @example throw new HttpProblem(401, 'unauthenticated', 'Invalid bearer token', { headers: bearerChallenge('invalid_token') })
 */
export function bearerChallenge(error?: BearerError): Record<string, string> {
  return { 'www-authenticate': `Bearer realm="cms"${error ? `, error="${error}"` : ''}` }
}

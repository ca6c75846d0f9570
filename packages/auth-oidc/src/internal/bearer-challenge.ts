/**
 * The framework-free half of the Hono and Express adapters (RFC 6750): reading the bearer token from the
 * `Authorization` header, and turning a missing token or an {@link OidcError} into a status, a
 * `WWW-Authenticate` challenge and an RFC 9457 problem body. Both adapters render what this returns, so the
 * rules live once. Nothing here ever copies the token into a header, a body or a message.
 */
import { isOidcError, type OidcError } from '../errors.ts'

/** What the `Authorization` header held. */
export type BearerCredential = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; token: string }

/** A response to send instead of calling the route. */
export interface BearerRefusal {
  status: 400 | 401 | 403 | 503
  headers: Record<string, string>
  /** The serialized `application/problem+json` body. */
  body: string
}

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; we take exactly one space, as every client sends.
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i
const SCHEME = /^Bearer(?: |$)/i
// A quoted-string without `"` and `\`, so no escaping is ever needed (RFC 7235 auth-param).
const QUOTABLE = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/
// RFC 6749 §3.3 scope-token: NQCHAR except space.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

/**
 * Reads `Authorization: Bearer <token>`. Another scheme (or none) is `none`: RFC 6750 §3.1 asks for a bare
 * challenge then. A Bearer credential that is not exactly one b64token is `malformed`. Tokens in the query
 * string or a form body are never read (RFC 6750 §2.3 leaks them into logs and history).
 */
export function readBearer(authorization: string | null | undefined): BearerCredential {
  if (typeof authorization !== 'string' || !SCHEME.test(authorization)) return { kind: 'none' }
  const match = BEARER.exec(authorization)
  return match?.[1] === undefined ? { kind: 'malformed' } : { kind: 'token', token: match[1] }
}

/** Checks a realm at construction: a wrong one is a deployment mistake, not a request's. */
export function checkRealm(realm: unknown): string {
  if (typeof realm !== 'string' || realm === '' || !QUOTABLE.test(realm)) {
    throw new TypeError('realm must be a non-empty printable ASCII string without quotes or backslashes')
  }
  return realm
}

/** Checks the required scopes at construction (they are echoed in the 403 challenge). */
export function checkScopes(scopes: unknown): readonly string[] {
  if (scopes === undefined) return []
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && SCOPE_TOKEN.test(s))) {
    throw new TypeError('requiredScopes must be a list of RFC 6749 scope tokens')
  }
  return [...scopes]
}

interface ProblemText {
  status: BearerRefusal['status']
  title: string
  error?: string
  detail: string
}

const problems = {
  missing: { status: 401, title: 'Unauthorized', detail: 'a bearer token is required' },
  malformed: {
    status: 400,
    title: 'Bad Request',
    error: 'invalid_request',
    detail: 'the Authorization header is not a single bearer token',
  },
  invalid: {
    status: 401,
    title: 'Unauthorized',
    error: 'invalid_token',
    detail: 'the bearer token is not valid',
  },
  scope: {
    status: 403,
    title: 'Forbidden',
    error: 'insufficient_scope',
    detail: 'the bearer token lacks a required scope',
  },
  unavailable: {
    status: 503,
    title: 'Service Unavailable',
    detail: 'the identity provider could not be reached to check the token',
  },
} satisfies Record<string, ProblemText>

function refusal(problem: ProblemText, realm: string, scopes: readonly string[] = []): BearerRefusal {
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
  }
  // 503 is not about the client's credentials, so it carries no challenge.
  if (problem.status !== 503) {
    const params = [`realm="${realm}"`]
    if (problem.error !== undefined) params.push(`error="${problem.error}"`)
    if (scopes.length > 0) params.push(`scope="${scopes.join(' ')}"`)
    headers['www-authenticate'] = `Bearer ${params.join(', ')}`
  }
  const body = { type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail }
  return { status: problem.status, headers, body: JSON.stringify(body) }
}

/** The refusal for a request without a bearer credential, or with a malformed one. */
export function refuseCredential(kind: 'none' | 'malformed', realm: string): BearerRefusal {
  return refusal(kind === 'none' ? problems.missing : problems.malformed, realm)
}

/**
 * The refusal for an error thrown while verifying, or `undefined` when it is not an {@link OidcError} (a
 * bug, which the framework's error handler should see). The IdP being unreachable is a 503: the client's
 * token may be fine, and a 401 would make it throw the token away and sign in again for nothing.
 */
export function refuseError(
  error: unknown,
  realm: string,
  requiredScopes: readonly string[],
): BearerRefusal | undefined {
  if (!isOidcError(error)) return undefined
  const code: OidcError['code'] = error.code
  if (code === 'ERR_JWT_SCOPE') return refusal(problems.scope, realm, requiredScopes)
  if (code === 'ERR_JWKS_FETCH' || code === 'ERR_OIDC_DISCOVERY') return refusal(problems.unavailable, realm)
  return refusal(problems.invalid, realm)
}

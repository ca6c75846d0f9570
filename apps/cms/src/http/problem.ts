/**
 * The app's one HTTP error type. Routes throw an `HttpProblem`; `onError` renders it as
 * `application/problem+json` (RFC 9457) with a stable `code`, and answers anything else with a generic 500
 * after logging only the error's class name, never its message (messages of third-party errors may carry
 * input).
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, InvalidInput, LockedOut } from '../domain/errors'
import { bearerChallenge } from './bearer-challenge'

/** Every problem code the CMS answers with. */
export type ProblemCode =
  | 'bad_request'
  | 'validation_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'locked_out'
  | 'forbidden'
  | 'reauth_required'
  | 'csrf_failed'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'last_admin'
  | 'wrong_auth_provider'
  | 'url_not_allowed'
  | 'upstream_failed'
  | 'internal_error'

/** A problem field-level detail: the JSON path and what is wrong, never the submitted value. */
export interface ProblemIssue {
  path: string
  message: string
}

/**
 * An error that renders itself as a problem response.
 * @example throw new HttpProblem(404, 'not_found', 'No such space')
 */
export class HttpProblem extends Error {
  override readonly name: string = 'HttpProblem'
  readonly status: ContentfulStatusCode
  readonly code: ProblemCode
  readonly issues: ProblemIssue[] | undefined
  readonly headers: Record<string, string>
  /** A fixed reason code (e.g. an outbound failure reason), never free text. */
  readonly reason: string | undefined

  constructor(
    status: ContentfulStatusCode,
    code: ProblemCode,
    title: string,
    options: { issues?: ProblemIssue[]; headers?: Record<string, string>; reason?: string } = {},
  ) {
    super(title)
    this.status = status
    this.code = code
    this.issues = options.issues
    this.headers = options.headers ?? {}
    this.reason = options.reason
  }

  /** Renders the problem (`type` stays `about:blank`: the `code` is the machine-readable part). */
  toResponse(): Response {
    const body: Record<string, unknown> = {
      type: 'about:blank',
      title: this.message,
      status: this.status,
      code: this.code,
    }
    if (this.reason !== undefined) body.reason = this.reason
    if (this.issues) body.issues = this.issues
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { 'content-type': 'application/problem+json', ...this.headers },
    })
  }
}

/**
 * The problem a domain error answers with: the one place a domain failure becomes an HTTP status. A
 * retired key (`SecretUnavailable`) is a 409 `conflict` whose reason says what to do: set it again.
 * @example if (err instanceof DomainError) return problemOf(err).toResponse()
 */
export function problemOf(err: DomainError): HttpProblem {
  const reason = err.reason === undefined ? {} : { reason: err.reason }
  switch (err.code) {
    case 'not_found':
      return new HttpProblem(404, 'not_found', err.message)
    case 'conflict':
    case 'secret_unavailable':
      return new HttpProblem(409, 'conflict', err.message, reason)
    case 'last_admin':
      return new HttpProblem(409, 'last_admin', err.message)
    case 'url_not_allowed':
      return new HttpProblem(422, 'url_not_allowed', err.message, reason)
    case 'invalid_credentials':
      return new HttpProblem(401, 'invalid_credentials', err.message)
    case 'locked_out':
      return new HttpProblem(429, 'locked_out', err.message, {
        headers: { 'Retry-After': String(err instanceof LockedOut ? err.retryAfterSeconds : 1) },
      })
    case 'payload_too_large':
      return new HttpProblem(413, 'payload_too_large', err.message)
    case 'validation_failed': {
      // The same answer as a body the schema refused: the field and the fixed message, never the value.
      const path = err instanceof InvalidInput ? err.path : '(body)'
      return new HttpProblem(400, 'validation_failed', 'Request body is invalid', {
        issues: [{ path, message: err.message }],
      })
    }
    case 'unauthenticated':
      return new HttpProblem(401, 'unauthenticated', err.message)
    case 'invalid_api_token':
      return new HttpProblem(401, 'unauthenticated', err.message, {
        headers: bearerChallenge('invalid_token'),
      })
    case 'reauth_required':
      // The answer of a reveal attempt: never cached, like the reveal itself.
      return new HttpProblem(403, 'reauth_required', err.message, {
        ...reason,
        headers: { 'cache-control': 'no-store' },
      })
  }
}

/**
 * The response for an error nobody planned for: logged by class name only, answered with a generic 500.
 * @example app.onError(handleError)
 */
export function handleError(err: Error, _c?: Context): Response {
  if (err instanceof HttpProblem) return err.toResponse()
  if (err instanceof DomainError) return problemOf(err).toResponse()
  console.error(JSON.stringify({ level: 'error', event: 'unhandled_error', error: err.name }))
  return internalError()
}

/**
 * The generic 500 problem, with no detail.
 * @example return internalError()
 */
export function internalError(): Response {
  return new HttpProblem(500, 'internal_error', 'Internal Server Error').toResponse()
}

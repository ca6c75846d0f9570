/**
 * The app's one HTTP error type. Routes throw an `HttpProblem`; `onError` renders it as
 * `application/problem+json` (RFC 9457) with a stable `code`, and answers anything else with a generic 500
 * after logging only the error's class name, never its message (messages of third-party errors may carry
 * input).
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

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
 * The response for an error nobody planned for: logged by class name only, answered with a generic 500.
 * @example app.onError(handleError)
 */
export function handleError(err: Error, _c?: Context): Response {
  if (err instanceof HttpProblem) return err.toResponse()
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

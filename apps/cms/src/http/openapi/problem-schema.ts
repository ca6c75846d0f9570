/**
 * The one error body of the API, as a schema: the RFC 9457 problem that `HttpProblem` renders
 * (`http/problem.ts`), and the HTTP status each problem code is answered with, so the OpenAPI document
 * lists a route's failures by status with the codes a client can `switch` on.
 */
import * as z from 'zod'
import type { ProblemCode } from '../problem'

/** Each problem code and the status it is answered with (`HttpProblem` and `problemOf` use these). */
export const PROBLEM_STATUS: Readonly<Record<ProblemCode, number>> = {
  bad_request: 400,
  validation_failed: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  locked_out: 429,
  forbidden: 403,
  reauth_required: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  last_admin: 409,
  wrong_auth_provider: 404,
  url_not_allowed: 422,
  upstream_failed: 502,
  internal_error: 500,
}

/** Every problem code, in the order of `PROBLEM_STATUS`. */
const PROBLEM_CODES: readonly ProblemCode[] = Object.keys(PROBLEM_STATUS) as ProblemCode[]

/**
 * The problem body (`application/problem+json`): `type` stays `about:blank` and `code` is the
 * machine-readable part; `issues` name paths and human messages, never a submitted value.
 * @example z.toJSONSchema(problemSchema, { target: 'draft-2020-12' })
 */
export const problemSchema: z.ZodType = z.object({
  type: z.literal('about:blank'),
  title: z.string().describe('A fixed, human summary of the problem.'),
  status: z.number().int().describe('The HTTP status, repeated.'),
  code: z.enum(PROBLEM_CODES as [ProblemCode, ...ProblemCode[]]),
  reason: z.string().optional().describe('A fixed reason code that says more (`name_taken`, …).'),
  issues: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe('Validation problems: the JSON path and what is wrong, at most 20.'),
})

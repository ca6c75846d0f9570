/**
 * The errors of `@alokai/env`. An env that fails validation throws one {@link EnvValidationError} that
 * lists every problem at once, by variable name, so an operator fixes them in one deploy instead of one
 * per attempt. Messages, issues, `toString()` and `toJSON()` are built only from names and fixed problem
 * texts: an env holds secrets, and an error ends up in logs.
 */
import { createErrorBrand } from '@alokai/internal'

// The same in every copy of this package (ESM and CJS builds, two versions): see `isEnvError`.
const brand = createErrorBrand('@alokai/env')

/**
 * Every `code` an `@alokai/env` error can carry, so `switch (err.code)` narrows.
 *
 * @example
 * ```ts
 * function describe(code: EnvErrorCode): string {
 *   switch (code) {
 *     case 'ERR_ENV_INVALID':
 *       return 'the environment is invalid'
 *   }
 * }
 * ```
 */
export type EnvErrorCode = 'ERR_ENV_INVALID'

/**
 * One problem with one variable. `problem` is a fixed sentence fragment such as `is required` or
 * `must be at least 32 characters`; it never contains the variable's value.
 *
 * @example
 * ```ts
 * const issue: EnvIssue = { name: 'ENVIRONMENT', problem: 'is required' }
 * ```
 */
export interface EnvIssue {
  readonly name: string
  readonly problem: string
}

/**
 * The base class of every `@alokai/env` error; `code` says which failure it is.
 *
 * @example
 * ```ts
 * try {
 *   parseEnv(serviceEnv, env)
 * } catch (err) {
 *   if (err instanceof EnvError) console.error(err.code)
 * }
 * ```
 */
export class EnvError extends Error {
  /** The stable code of this failure. */
  readonly code: EnvErrorCode

  constructor(code: EnvErrorCode, message: string) {
    super(message)
    this.name = new.target.name
    this.code = code
    brand.mark(this)
  }
}

function renderMessage(issues: readonly EnvIssue[]): string {
  const lines = issues.map((issue) => `${issue.name} ${issue.problem}`)
  const noun = issues.length === 1 ? 'problem' : 'problems'
  return `Invalid environment (${issues.length} ${noun}): ${lines.join('; ')}`
}

/**
 * The env failed validation. `issues` holds every problem found, in the definition's order; the message
 * joins them. Neither contains a value.
 *
 * @example
 * ```ts
 * try {
 *   parseEnv(serviceEnv, env)
 * } catch (err) {
 *   if (err instanceof EnvValidationError) {
 *     for (const { name, problem } of err.issues) console.error(`${name} ${problem}`)
 *   }
 * }
 * ```
 */
export class EnvValidationError extends EnvError {
  /** Every problem found, in the definition's order. */
  readonly issues: readonly EnvIssue[]

  declare readonly code: 'ERR_ENV_INVALID'

  constructor(issues: readonly EnvIssue[]) {
    super('ERR_ENV_INVALID', renderMessage(issues))
    this.issues = Object.freeze(
      issues.map((issue) => Object.freeze({ name: issue.name, problem: issue.problem })),
    )
  }

  /** What `JSON.stringify(err)` prints: name, code, message and issues, never a value. */
  toJSON(): { name: string; code: EnvErrorCode; message: string; issues: readonly EnvIssue[] } {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues }
  }
}

/**
 * Whether `value` is an `@alokai/env` error, optionally with a given code; the guard every caller uses
 * instead of reading `.code` off an unknown value. It recognises the errors of every copy of this package
 * (its ESM and CommonJS builds in one app, two versions), where `instanceof` sees only this copy's class.
 *
 * @example
 * ```ts
 * try {
 *   parseEnv(serviceEnv, env)
 * } catch (err) {
 *   if (isEnvError(err, 'ERR_ENV_INVALID')) return new Response('misconfigured', { status: 500 })
 *   throw err
 * }
 * ```
 */
export function isEnvError(value: unknown, code?: EnvErrorCode): value is EnvError {
  return brand.test(value) && (code === undefined || value.code === code)
}

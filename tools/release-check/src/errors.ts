/**
 * The release check's one error class. Messages name the step and the command, never a token: every
 * captured output passes through `redact` before it lands in a message.
 */

/** Stable codes of {@link ReleaseCheckError}. */
export type ReleaseCheckErrorCode =
  | 'ERR_RELEASE_COMMAND'
  | 'ERR_RELEASE_REGISTRY'
  | 'ERR_RELEASE_TARBALL'
  | 'ERR_RELEASE_SMOKE'
  | 'ERR_RELEASE_TYPES'
  | 'ERR_RELEASE_PRECONDITION'

/**
 * A failed step of the release check.
 *
 * @example
 * throw new ReleaseCheckError('ERR_RELEASE_TARBALL', '@alokai/env: unexpected file src/index.ts')
 */
export class ReleaseCheckError extends Error {
  readonly code: ReleaseCheckErrorCode

  constructor(code: ReleaseCheckErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ReleaseCheckError'
    this.code = code
  }
}

/**
 * Replaces every occurrence of each secret in `text` with `[redacted]`.
 *
 * @example
 * redact('token=abc', ['abc']) // 'token=[redacted]'
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]')
  return out
}

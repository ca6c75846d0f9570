/**
 * The domain's failures: small, typed errors that services throw and the HTTP edge translates (the JSON
 * API to a problem+json answer in `http/problem.ts`, the dashboard to a field error or an error page). A
 * caller branches on the class, never on message text. Messages are fixed and name no value: no URL, no
 * secret, no id the caller did not already send.
 */

/** The base of every domain failure; `code` is stable, `reason` a fixed word from a known vocabulary. */
export abstract class DomainError extends Error {
  abstract readonly code:
    | 'not_found'
    | 'conflict'
    | 'secret_unavailable'
    | 'url_not_allowed'
    | 'reauth_required'
    | 'invalid_credentials'
    | 'locked_out'
    | 'invalid_api_token'
    | 'unauthenticated'
    | 'payload_too_large'
    | 'validation_failed'
    | 'last_admin'
  /** A fixed reason word (e.g. an outbound policy reason), never free text. */
  readonly reason: string | undefined

  constructor(message: string, reason?: string) {
    super(message)
    this.reason = reason
  }
}

/**
 * The thing named does not exist (or is not visible in this space).
 * @example throw new NotFound('No such preview URL')
 */
export class NotFound extends DomainError {
  override readonly name: string = 'NotFound'
  readonly code = 'not_found' as const
}

/**
 * The request contradicts the current state (a revoked token, a run already finished).
 * @example throw new Conflict('The token is revoked')
 */
export class Conflict extends DomainError {
  override readonly name: string = 'Conflict'
  readonly code = 'conflict' as const
}

/**
 * A sealed secret no configured key opens (its key was retired): set it again.
 * @example throw new SecretUnavailable()
 */
export class SecretUnavailable extends DomainError {
  override readonly name: string = 'SecretUnavailable'
  readonly code = 'secret_unavailable' as const
  constructor() {
    super('The stored secret cannot be opened; set it again', 'secret_unavailable')
  }
}

/**
 * A URL the outbound policy refuses to store or call; `reason` is the policy's fixed reason word.
 * @example throw new UrlNotAllowed('private_address')
 */
export class UrlNotAllowed extends DomainError {
  override readonly name: string = 'UrlNotAllowed'
  readonly code = 'url_not_allowed' as const
  constructor(reason: string) {
    super('This URL is not allowed for outbound calls', reason)
  }
}

/**
 * The caller must prove who they are again before this (e.g. a reveal after the recency window).
 * @example throw new ReauthRequired('Sign in again to reveal a token', 'auth_too_old')
 */
export class ReauthRequired extends DomainError {
  override readonly name: string = 'ReauthRequired'
  readonly code = 'reauth_required' as const
}

/**
 * A password sign-in failed; one answer for an unknown account, a wrong password and a disabled user.
 * @example throw new InvalidCredentials()
 */
export class InvalidCredentials extends DomainError {
  override readonly name: string = 'InvalidCredentials'
  readonly code = 'invalid_credentials' as const
  constructor() {
    super('Invalid email or password')
  }
}

/**
 * The caller's account stopped being active while their request ran (disabled or deleted after the
 * request was authenticated): the write that would have acted for them changed nothing.
 * @example if (row === 'creator_inactive') throw new CallerEnded()
 */
export class CallerEnded extends DomainError {
  override readonly name: string = 'CallerEnded'
  readonly code = 'unauthenticated' as const
  constructor() {
    super('Your account is no longer active')
  }
}

/**
 * Too many failed sign-ins for this account or address; try again after `retryAfterSeconds`.
 * @example throw new LockedOut(900)
 */
export class LockedOut extends DomainError {
  override readonly name: string = 'LockedOut'
  readonly code = 'locked_out' as const
  readonly retryAfterSeconds: number
  constructor(retryAfterSeconds: number) {
    super('Too many failed logins; try again later')
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/**
 * The one answer to every API token failure (malformed, unknown, revoked, another space's): which one it
 * was goes to the audit log only.
 * @example throw new InvalidApiToken()
 */
export class InvalidApiToken extends DomainError {
  override readonly name: string = 'InvalidApiToken'
  readonly code = 'invalid_api_token' as const
  constructor() {
    super('Invalid API token')
  }
}

/**
 * What the caller sent is larger than the rule for it allows (an entry body over its limit).
 * @example throw new TooLarge('Entry body too large')
 */
export class TooLarge extends DomainError {
  override readonly name: string = 'TooLarge'
  readonly code = 'payload_too_large' as const
}

/**
 * Input that is well formed but that the current state refuses (an expiry that is already past): a
 * `validation_failed` problem naming the field, like a body the schema refused.
 * @example throw new InvalidInput('expiresAt', 'Choose a time in the future')
 */
export class InvalidInput extends DomainError {
  override readonly name: string = 'InvalidInput'
  readonly code = 'validation_failed' as const
  /** The field at fault, as a body path (`expiresAt`). */
  readonly path: string
  constructor(path: string, message: string) {
    super(message)
    this.path = path
  }
}

/**
 * The change would leave the CMS without an active global admin, or an admin would disable themselves:
 * nobody could then manage users, roles or keys from the dashboard.
 * @example throw new LastAdmin('You cannot disable yourself')
 */
export class LastAdmin extends DomainError {
  override readonly name: string = 'LastAdmin'
  readonly code = 'last_admin' as const
}

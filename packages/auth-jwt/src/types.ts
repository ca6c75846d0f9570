/**
 * The public types of the session issuer: its options, what `sign` takes, what `verify` returns, and the
 * shape a custom-claims schema must have (any object with `parse`, e.g. a zod schema, so this package does
 * not depend on zod).
 */
import type { SessionEnvironment } from './secret-policy.ts'

/**
 * Custom (application) claims carried in a session token next to the registered ones.
 *
 * @example
 * ```ts
 * const sessions = createSessionIssuer<{ locale: string } & CustomClaims>(options)
 * ```
 */
export type CustomClaims = Record<string, unknown>

/**
 * Anything with a `parse` that returns the typed claims or throws: a zod schema fits as is.
 *
 * @example
 * ```ts
 * const claimsSchema: ClaimsSchema<{ locale: string }> = z.object({ locale: z.string() })
 * ```
 */
export interface ClaimsSchema<C extends CustomClaims> {
  parse(input: unknown): C
}

/**
 * Options of {@link createSessionIssuer}.
 *
 * @example
 * ```ts
 * const options: SessionIssuerOptions = {
 *   secret: env.AUTH_JWT_SECRET,
 *   issuer: 'https://cms.example.com',
 *   audience: 'cms-dashboard',
 *   ttlSeconds: 8 * 3600,
 *   environment: env.ENVIRONMENT,
 * }
 * ```
 */
export interface SessionIssuerOptions<C extends CustomClaims = Record<never, never>> {
  /** The signing secret (`AUTH_JWT_SECRET`): at least 32 characters, this service's own. */
  secret: string
  /** Verify-only secrets kept while the signing secret rotates (`AUTH_JWT_SECRET_PREVIOUS`). @default [] */
  previousSecrets?: readonly string[]
  /** The `iss` claim written and required. */
  issuer: string
  /** The `aud` claim written and required (a single string). */
  audience: string
  /**
   * The header `typ` written and required, exactly (RFC 8725 §3.11: explicit typing keeps other JWTs signed
   * with the same secret out). Give each kind of token its own, e.g. `'cms-session+jwt'`.
   * @default 'session+jwt'
   */
  typ?: string
  /** Lifetime of a token: `exp = iat + ttlSeconds`; also the largest accepted token age. */
  ttlSeconds: number
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in seconds. @default 5 */
  clockToleranceSeconds?: number
  /** Longest token `verify` will look at; longer ones are refused before any decoding. @default 8192 */
  maxTokenBytes?: number
  /** Only `development` accepts `devPlaceholderSecret`; unset means production. @default 'production' */
  environment?: SessionEnvironment
  /**
   * The service's published development secret (what its `.dev.vars.example` ships): anyone can sign with
   * it, so it is refused as `secret` or a previous secret unless `environment` is `'development'`.
   * @default undefined (no placeholder: only the length rule applies)
   */
  devPlaceholderSecret?: string
  /** Validates (and types) custom claims on `sign` and on `verify`. @default undefined (not validated) */
  claimsSchema?: ClaimsSchema<C>
}

/**
 * What `sign` takes: the subject, the session id (the key to the session row, which holds roles), an
 * optional not-before time (Unix seconds), and the custom claims.
 *
 * @example
 * ```ts
 * const input: SessionClaimsInput<{ locale: string }> = { sub: 'user_42', sid: 'sess_9f2c', locale: 'en' }
 * ```
 */
export type SessionClaimsInput<C extends CustomClaims = Record<never, never>> = {
  sub: string
  sid: string
  nbf?: number
} & C

/**
 * What `verify` returns: the checked registered claims and the custom claims (parsed by the schema when
 * one is configured).
 *
 * @example
 * ```ts
 * const { sub, sid, exp }: SessionPayload = await sessions.verify(token)
 * ```
 */
export type SessionPayload<C extends CustomClaims = Record<never, never>> = {
  iss: string
  aud: string
  sub: string
  sid: string
  iat: number
  exp: number
  nbf?: number
} & C

/**
 * A session token issuer for one service: signs with the current secret, verifies with the current or a
 * previous one.
 *
 * @example
 * ```ts
 * const token = await sessions.sign({ sub: user.id, sid: session.id })
 * const payload = await sessions.verify(token)
 * ```
 */
export interface SessionIssuer<C extends CustomClaims = Record<never, never>> {
  /** Signs a session token (header `{ alg: "HS256", typ, kid }`, `typ` from the options). */
  sign(claims: SessionClaimsInput<C>): Promise<string>
  /** Verifies a session token and returns its claims, or throws an `AuthJwtError` with a token code. */
  verify(token: string): Promise<SessionPayload<C>>
}

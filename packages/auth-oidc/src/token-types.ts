/**
 * The shapes of a verified token's payload and protected header, declared here rather than imported from
 * jose: the published declarations then stand alone, so a CommonJS TypeScript project (`module: node16`)
 * does not have to resolve jose's ESM-only types (TS1479), and an app on another jose 6 release gets the
 * same types. Member for member they match jose's `JWTPayload` and `JWTHeaderParameters`, so values pass
 * between the two without a cast.
 */

/**
 * A token's claims: the registered ones RFC 7519 §4.1 names, and any others as `unknown`.
 *
 * @example
 * ```ts
 * const payload: JWTPayload = { iss: 'https://login.example.com/', sub: 'user-1', exp: 1767225600 }
 * ```
 */
export interface JWTPayload {
  /** Issuer. */
  iss?: string
  /** Subject (a string: a token with another `sub` is refused). */
  sub?: string
  /** Audience. */
  aud?: string | string[]
  /** Token id. */
  jti?: string
  /** Not before, in seconds since the epoch. */
  nbf?: number
  /** Expiry, in seconds since the epoch. */
  exp?: number
  /** Issued at, in seconds since the epoch. */
  iat?: number
  /** Any other claim. */
  [propName: string]: unknown
}

/**
 * A token's protected header (RFC 7515 §4.1); `alg` is always present on a verified token.
 *
 * @example
 * ```ts
 * const header: JWTHeaderParameters = { alg: 'RS256', kid: 'key-1', typ: 'at+jwt' }
 * ```
 */
export interface JWTHeaderParameters {
  /** The signature algorithm. */
  alg: string
  /** The id of the key that signed the token. */
  kid?: string
  /** The media type of the whole token (`JWT`, `at+jwt`). */
  typ?: string
  /** The media type of the payload. */
  cty?: string
  /** Critical extensions (a verified token never has any: they are refused). */
  crit?: string[]
  /** Whether the payload is base64url-encoded (RFC 7797). */
  b64?: boolean
  /** Any other header parameter. */
  [propName: string]: unknown
}

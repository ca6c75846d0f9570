/**
 * The public name of the algorithms the verifier accepts; which key type each needs lives with the
 * verifier's internals (`internal/algorithms.ts`).
 */

/**
 * An asymmetric JWS algorithm this package can verify.
 *
 * @example
 * ```ts
 * const algorithms: OidcAlgorithm[] = ['RS256', 'ES256']
 * ```
 */
export type OidcAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'

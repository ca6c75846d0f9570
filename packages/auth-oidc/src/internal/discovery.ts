/**
 * Reads an OpenID Provider's discovery document. Only two members matter: `issuer`, which must equal the
 * configured issuer exactly (OpenID Connect Discovery §4.3: otherwise one issuer could vouch for another's
 * keys), and `jwks_uri`, which must pass the same URL policy as the issuer.
 */
import { OidcError } from '../errors.ts'
import { parseFetchableUrl } from './url-policy.ts'

/** Returns a parser that validates a discovery document for `issuer` and yields its `jwks_uri`. */
export function discoveryParser(issuer: string): (json: unknown) => string {
  return (json) => {
    const doc = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>
    if (doc.issuer !== issuer) {
      throw new OidcError('ERR_OIDC_DISCOVERY', {
        detail: 'discovery issuer differs from the configured one',
      })
    }
    const jwksUri = parseFetchableUrl(doc.jwks_uri)
    if (jwksUri === undefined) {
      throw new OidcError('ERR_OIDC_DISCOVERY', { detail: 'jwks_uri missing or not https' })
    }
    return jwksUri.href
  }
}

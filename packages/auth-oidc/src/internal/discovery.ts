/**
 * Reads an OpenID Provider's discovery document. `issuer` must equal the configured issuer exactly (OpenID
 * Connect Discovery §4.3: otherwise one issuer could vouch for another's keys) and `jwks_uri` must pass the
 * same URL policy as the issuer; both are required. The endpoints a sign-in flow needs are kept only when
 * they pass that policy too, so a caller never sends a code or a client secret over plain http to a real host.
 */
import type { OidcDiscoveryDocument } from '../discover-oidc.ts'
import { OidcDiscoveryFailed } from '../errors.ts'
import type { ResolvedTransport } from '../options.ts'
import { DocumentCache } from './document-cache.ts'
import { parseFetchableUrl } from './url-policy.ts'

const endpoints = [
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'end_session_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
] as const

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

function stringList(value: unknown): readonly string[] | undefined {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined
  return Object.freeze([...value])
}

/** Returns a parser that validates a discovery document for `issuer`. */
function discoveryParser(issuer: string): (json: unknown) => OidcDiscoveryDocument {
  return (json) => {
    const doc = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>
    if (doc.issuer !== issuer) {
      throw new OidcDiscoveryFailed({ detail: 'discovery issuer differs from the configured one' })
    }
    const jwksUri = parseFetchableUrl(doc.jwks_uri)
    if (jwksUri === undefined) {
      throw new OidcDiscoveryFailed({ detail: 'jwks_uri missing or not https' })
    }
    const out: Mutable<OidcDiscoveryDocument> = { issuer, jwks_uri: jwksUri.href }
    for (const name of endpoints) {
      const url = parseFetchableUrl(doc[name])
      if (url !== undefined) out[name] = url.href
    }
    for (const name of [
      'scopes_supported',
      'response_types_supported',
      'code_challenge_methods_supported',
      'id_token_signing_alg_values_supported',
    ] as const) {
      const list = stringList(doc[name])
      if (list !== undefined) out[name] = list
    }
    return Object.freeze(out)
  }
}

/** The cache of one issuer's discovery document under these transport options. */
export function discoveryCache(o: ResolvedTransport): DocumentCache<OidcDiscoveryDocument> {
  return new DocumentCache({
    parse: discoveryParser(o.issuer),
    store: o.cache,
    fetch: { fetch: o.fetch, timeoutMs: o.timeoutMs, maxBytes: o.maxResponseBytes },
    maxStaleMs: o.maxStaleMs,
    cooldownMs: o.cooldownMs,
  })
}

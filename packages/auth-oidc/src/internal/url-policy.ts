/**
 * Which URLs the verifier may fetch keys from: https anywhere, plain http only on loopback (development and
 * tests). Keys fetched over plain http from a real host could be swapped by anyone on the path, which would
 * let them mint tokens; so this is checked for the issuer, a configured `jwksUri` and a discovered one.
 */

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Parses `value` and returns the URL if it may be fetched, otherwise `undefined`. */
export function parseFetchableUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  // Credentials in a URL end up in logs and proxies; an IdP never needs them.
  if (url.username !== '' || url.password !== '') return undefined
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return url
  return undefined
}

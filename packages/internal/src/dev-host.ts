/**
 * The development-host rule: plain `http:` is acceptable only for a loopback host (a developer's machine or
 * a test), never for a real host, where anyone on the path could read or swap what travels. One list, used
 * by the OIDC verifier's key fetches, the CMS's env rules and its dashboard sign-in.
 */

const loopbackHosts: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether `hostname` (as `URL#hostname` gives it: IPv6 in brackets) names this machine.
 * @example isLoopbackHost(new URL('http://[::1]:8787/').hostname) // true
 */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname)
}

/**
 * Whether `url` may be used to talk to an identity provider or another service: https anywhere, http on a
 * loopback host only, and never with credentials in the URL (they end up in logs and proxies).
 * @example isSecureOrLoopbackUrl(new URL('http://localhost:9000/')) // true
 * @example isSecureOrLoopbackUrl(new URL('http://idp.example.com/')) // false
 */
export function isSecureOrLoopbackUrl(url: URL): boolean {
  if (url.username !== '' || url.password !== '') return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && isLoopbackHost(url.hostname)
}

/**
 * Which URLs the verifier may fetch keys from: the shared development-host rule (https anywhere, plain http
 * only on loopback, no credentials in the URL). Keys fetched over plain http from a real host could be
 * swapped by anyone on the path, which would let them mint tokens; so this is checked for the issuer, a
 * configured `jwksUri`, a discovered one and every endpoint a discovery document names.
 */
import { isSecureOrLoopbackUrl } from '@alokai/internal'

/** Parses `value` and returns the URL if it may be fetched, otherwise `undefined`. */
export function parseFetchableUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  return isSecureOrLoopbackUrl(url) ? url : undefined
}

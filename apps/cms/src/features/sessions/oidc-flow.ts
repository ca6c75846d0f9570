/**
 * What the IdP sign-in keeps between the redirect to the IdP and the callback: `state`, `nonce`, the PKCE
 * code verifier, where to continue, whether the user must authenticate again, the redirect URI sent and
 * when the flow started. The Worker keeps nothing per flow: the value goes to the browser (in a short-lived
 * HttpOnly cookie, the edge's business) sealed with an HMAC under a key derived from the session secret for
 * this purpose alone (`derivedHmacKey(config, 'oidc-login')`), so it can be neither forged nor replayed past
 * its ten minutes, and it has one accepted spelling (strict base64url).
 */
import { decodeBase64url, encodeBase64url } from '@alokai/internal'
import { derivedHmacKey } from '../../crypto/derived-key'
import type { CmsConfig } from '../../domain/config'

/** How long a started sign-in may take at the IdP. */
export const OIDC_FLOW_TTL_MS: number = 10 * 60 * 1000

/** One sign-in in flight. */
export interface OidcFlow {
  state: string
  nonce: string
  /** The PKCE code verifier (RFC 7636); only its S256 challenge went to the IdP. */
  verifier: string
  /** Where to continue after the sign-in (already a safe local path). */
  next: string
  /** The user must authenticate again at the IdP during this flow. */
  reauth: boolean
  /** The `redirect_uri` of the authorization request; the code exchange must send the same. */
  redirectUri: string
  /** When the flow started (epoch ms). */
  startedAt: number
}

const te = new TextEncoder()

async function mac(config: CmsConfig, body: string): Promise<Uint8Array> {
  const key = await derivedHmacKey(config, 'oidc-login')
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, te.encode(body)))
}

/**
 * The flow as an opaque, signed string for the browser to keep.
 * @example const kept = await sealOidcFlow(scope.config, flow)
 */
export async function sealOidcFlow(config: CmsConfig, flow: OidcFlow): Promise<string> {
  const body = encodeBase64url(te.encode(JSON.stringify(flow)))
  return `${body}.${encodeBase64url(await mac(config, body))}`
}

function isFlow(value: unknown): value is OidcFlow {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    ['state', 'nonce', 'verifier', 'next', 'redirectUri'].every((k) => typeof v[k] === 'string') &&
    typeof v.reauth === 'boolean' &&
    typeof v.startedAt === 'number'
  )
}

/**
 * The flow a sealed value holds, or `null` when it is absent, forged, re-spelled or older than
 * {@link OIDC_FLOW_TTL_MS}.
 * @example const flow = await openOidcFlow(scope.config, kept, scope.now())
 */
export async function openOidcFlow(
  config: CmsConfig,
  value: string | undefined,
  now: number,
): Promise<OidcFlow | null> {
  const [body, macText, extra] = (value ?? '').split('.')
  if (!body || !macText || extra !== undefined) return null
  // Strict decoding: a padded or re-spelled MAC is refused, not normalised.
  const macBytes = decodeBase64url(macText)
  const bodyBytes = decodeBase64url(body)
  if (!macBytes || !bodyBytes) return null
  try {
    const key = await derivedHmacKey(config, 'oidc-login')
    if (!(await crypto.subtle.verify('HMAC', key, macBytes, te.encode(body)))) return null
    const flow: unknown = JSON.parse(new TextDecoder().decode(bodyBytes))
    return isFlow(flow) && now < flow.startedAt + OIDC_FLOW_TTL_MS ? flow : null
  } catch {
    return null
  }
}

/**
 * HMAC keys derived from `AUTH_JWT_SECRET`, one per purpose (HKDF-SHA256, empty salt, info
 * `alokai/cms/v1/<purpose>`), so a value minted for one purpose (a CSRF form token, the OIDC sign-in flow
 * cookie) can never pass as another or as a session. Each key is derived once per validated config and
 * kept as a resolved `CryptoKey` — never as a pending promise shared across requests.
 */
import type { CmsConfig } from '../domain/config'

/** What a derived key is for. */
export type KeyPurpose = 'csrf' | 'oidc-login'

const keys = new WeakMap<CmsConfig, Map<KeyPurpose, CryptoKey>>()
const encoder = new TextEncoder()

/**
 * The HMAC-SHA256 key for `purpose` under this config's session secret.
 * @example const mac = await crypto.subtle.sign('HMAC', await derivedHmacKey(config, 'csrf'), data)
 */
export async function derivedHmacKey(config: CmsConfig, purpose: KeyPurpose): Promise<CryptoKey> {
  const cached = keys.get(config)?.get(purpose)
  if (cached) return cached
  const base = await crypto.subtle.importKey('raw', encoder.encode(config.jwtSecret), 'HKDF', false, [
    'deriveKey',
  ])
  const key = await crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: encoder.encode(`alokai/cms/v1/${purpose}`),
    },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  )
  let perConfig = keys.get(config)
  if (!perConfig) {
    perConfig = new Map()
    keys.set(config, perConfig)
  }
  perConfig.set(purpose, key)
  return key
}

/**
 * The CMS's one keyring: `TOKEN_ENCRYPTION_KEY` as the primary KEK and `TOKEN_ENCRYPTION_KEY_PREVIOUS` as
 * open-only keys. Deriving the wrapping keys (HKDF) costs a few crypto calls, so the keyring is built once
 * per validated config (per isolate) and kept as a resolved value — never as a pending promise, which
 * workerd would refuse to share across requests.
 */
import { createKeyring, type Keyring } from '@alokai/crypto'
import type { CmsConfig } from '../domain/config'

const keyrings = new WeakMap<CmsConfig, Keyring>()

/**
 * The keyring for this config (built on first use, then reused).
 * @example const scope = { keyring: () => getKeyring(config) } // built once per request or job run
 */
export async function getKeyring(config: CmsConfig): Promise<Keyring> {
  const cached = keyrings.get(config)
  if (cached) return cached
  const keyring = await createKeyring({
    primary: config.encryption.primary,
    previous: config.encryption.previous,
  })
  keyrings.set(config, keyring)
  return keyring
}

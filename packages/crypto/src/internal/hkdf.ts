/**
 * Derives what a keyring needs from each 32-byte KEK, with HKDF-SHA256 and an empty salt (docs/design.md):
 * info `alokai/crypto/v1/wrap` gives the wrapping key, kept as a non-extractable `CryptoKey`;
 * info `alokai/crypto/v1/kid` gives 6 bytes whose base64url is the kid. The KEK itself encrypts
 * nothing, so a kid (public) and the wrapping key (secret) are independent outputs of one secret.
 */
import { encodeBase64url } from '@alokai/internal'

const encoder = new TextEncoder()
const wrapInfo = encoder.encode('alokai/crypto/v1/wrap')
const kidInfo = encoder.encode('alokai/crypto/v1/kid')
const emptySalt = new Uint8Array(0)

/** A KEK's derived material. */
export interface DerivedKey {
  kid: string
  wrapKey: CryptoKey
}

/** Derives the wrapping key and kid of a 32-byte KEK. */
export async function deriveFromKek(kek: Uint8Array): Promise<DerivedKey> {
  const ikm = await crypto.subtle.importKey('raw', kek, 'HKDF', false, ['deriveKey', 'deriveBits'])
  const [wrapKey, kidBits] = await Promise.all([
    crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: emptySalt, info: wrapInfo },
      ikm,
      { name: 'AES-GCM', length: 256 },
      false,
      // wrapKey/unwrapKey for the DEK as a key, encrypt/decrypt for the DEK's raw bytes (rewrap).
      ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
    ),
    crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: emptySalt, info: kidInfo }, ikm, 48),
  ])
  return { kid: encodeBase64url(new Uint8Array(kidBits)), wrapKey }
}

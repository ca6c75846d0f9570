/**
 * Turns a session secret into what signing and verifying need: its UTF-8 bytes imported once through the
 * runtime's HMAC backend, its kid (the base64url of the first 6 bytes of HKDF-SHA256(secret bytes, empty
 * salt, info "alokai/auth-jwt/v1/kid")), and the header segment every token signed with it carries. The
 * kid names a secret without revealing it (HKDF is one-way) so the verifier can pick the current or a
 * previous secret directly.
 */
import { encodeBase64url } from '@alokai/internal'
import type { HmacBackend, HmacKey } from './hmac.ts'

const encoder = new TextEncoder()
const KID_INFO = encoder.encode('alokai/auth-jwt/v1/kid')
/** 6 bytes = 8 base64url characters: 2^-48 collision odds between two secrets, checked anyway. */
const KID_BYTES = 6

/** One secret, ready to use. */
export interface SessionKey {
  kid: string
  key: HmacKey
}

/** Derives the 8-character kid of a secret (once per secret, so Web Crypto in every runtime). */
export async function deriveKid(secretBytes: Uint8Array): Promise<string> {
  const ikm = await crypto.subtle.importKey('raw', secretBytes, 'HKDF', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: KID_INFO },
    ikm,
    KID_BYTES * 8,
  )
  return encodeBase64url(new Uint8Array(bits))
}

/** Imports one secret string (its UTF-8 bytes) with `backend` and derives its kid. */
export async function createSessionKey(secret: string, backend: HmacBackend): Promise<SessionKey> {
  const bytes = encoder.encode(secret)
  const [kid, key] = await Promise.all([deriveKid(bytes), backend.importKey(bytes)])
  return { kid, key }
}

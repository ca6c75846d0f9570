/**
 * An independent second implementation of the envelope, written from docs/design.md alone on
 * `@noble/ciphers` (AES-GCM) and `@noble/hashes` (HKDF), synchronous, sharing no code with `src/`:
 * its own base64url (via btoa/atob plus a re-encoding check), its own context encoding (sorted by the
 * hex of the UTF-8 key bytes). If both implementations open each other's values, the format is what
 * the document says, not merely what the package happens to do. Test-only, not shipped.
 */
import { gcm } from '@noble/ciphers/aes.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'

const utf8 = new TextEncoder()

/** A KEK's derived material. */
export interface NobleKey {
  kid: string
  wrapKey: Uint8Array
}

function toB64url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromB64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('malformed')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  if (toB64url(bytes) !== text) throw new Error('malformed') // canonical form only
  return bytes
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** HKDF-SHA256, empty salt, the two info strings of docs/design.md. */
export function nobleDerive(kek: Uint8Array): NobleKey {
  const salt = new Uint8Array(0)
  return {
    wrapKey: hkdf(sha256, kek, salt, utf8.encode('alokai/crypto/v1/wrap'), 32),
    kid: toB64url(hkdf(sha256, kek, salt, utf8.encode('alokai/crypto/v1/kid'), 6)),
  }
}

/** `"alokai/crypto/v1/data" 0x00 (u16be klen, key, u32be vlen, value)*`, keys in UTF-8 byte order. */
export function nobleContextAad(context: Record<string, string> = {}): Uint8Array {
  const entries = Object.entries(context).map(([k, v]) => ({ k: utf8.encode(k), v: utf8.encode(v) }))
  // Lower-case hex of the bytes sorts exactly like the bytes themselves.
  entries.sort((a, b) => (hex(a.k) < hex(b.k) ? -1 : hex(a.k) > hex(b.k) ? 1 : 0))
  const parts: number[] = [...utf8.encode('alokai/crypto/v1/data'), 0]
  for (const { k, v } of entries) {
    parts.push(k.length >>> 8, k.length & 255, ...k)
    parts.push(v.length >>> 24, (v.length >>> 16) & 255, (v.length >>> 8) & 255, v.length & 255, ...v)
  }
  return Uint8Array.from(parts)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

const random = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n))

/** Seals like docs/design.md says, with fresh random DEK and nonces. */
export function nobleSeal(key: NobleKey, plaintext: Uint8Array, context?: Record<string, string>): string {
  const dek = random(32)
  const wrapNonce = random(12)
  const nonce = random(12)
  const wrapped = gcm(key.wrapKey, wrapNonce, utf8.encode(`v1.${key.kid}`)).encrypt(dek)
  const ciphertext = gcm(dek, nonce, nobleContextAad(context)).encrypt(plaintext)
  return `v1.${key.kid}.${toB64url(concat(wrapNonce, wrapped, nonce, ciphertext))}`
}

/** Opens like docs/design.md says; throws a plain `Error` on any failure. */
export function nobleOpen(
  keys: readonly NobleKey[],
  sealed: string,
  context?: Record<string, string>,
): Uint8Array {
  const [version, kid, payloadText, ...extra] = sealed.split('.')
  if (version !== 'v1' || kid === undefined || payloadText === undefined || extra.length > 0) {
    throw new Error('malformed')
  }
  const key = keys.find((k) => k.kid === kid)
  if (key === undefined) throw new Error('unknown key')
  const payload = fromB64url(payloadText)
  if (payload.length < 88) throw new Error('malformed')
  const dek = gcm(key.wrapKey, payload.subarray(0, 12), utf8.encode(`v1.${kid}`)).decrypt(
    payload.subarray(12, 60),
  )
  return gcm(dek, payload.subarray(60, 72), nobleContextAad(context)).decrypt(payload.subarray(72))
}

/**
 * The byte helpers the app's own tokens share (ids, API tokens, CSRF tokens, the OIDC sign-in cookie,
 * password hashes): base64url without padding, standard base64 (the stored password-hash format), and a
 * comparison whose time depends only on the inputs' lengths, for every check of a secret-derived value.
 */

const encoder = new TextEncoder()

/**
 * Standard base64 (RFC 4648 §4) with padding: the stored format of password hashes.
 * @example base64(new Uint8Array([1, 2, 3])) // 'AQID'
 */
export function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/**
 * base64url (RFC 4648 §5) without padding.
 * @example base64url(crypto.getRandomValues(new Uint8Array(32))) // 43 characters
 */
export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Decodes base64url (padding optional); throws on characters outside the alphabet.
 * @example fromBase64url('AQID') // Uint8Array [1, 2, 3]
 */
export function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

/**
 * Whether two values are equal, in time that depends only on their lengths (lengths are not secret here:
 * every compared value has a fixed, public size). Strings are compared as UTF-8 bytes.
 * @example if (!timingSafeEqual(submitted, expected)) throw new HttpProblem(403, 'csrf_failed', '…')
 */
export function timingSafeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const x = typeof a === 'string' ? encoder.encode(a) : a
  const y = typeof b === 'string' ? encoder.encode(b) : b
  if (x.length !== y.length) return false
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}

/**
 * Standard base64 with padding (RFC 4648 §4): the stored format of password hashes, shared with the Node
 * scripts that write them. Everything else the app encodes (ids, API tokens, CSRF tokens, the OIDC sign-in
 * cookie) is strict base64url from `@alokai/internal`, a different alphabet on purpose.
 */

/**
 * Standard base64 (RFC 4648 §4) with padding: the stored format of password hashes.
 * @example base64(new Uint8Array([1, 2, 3])) // 'AQID'
 */
export function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

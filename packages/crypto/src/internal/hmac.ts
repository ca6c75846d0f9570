/**
 * HMAC-SHA256 through Web Crypto, for the preview-URL probe. Keys are imported non-extractable for the
 * one call; callers compare MACs with `constantTimeEqual`.
 */

/** Computes HMAC-SHA256(key, data); the key must not be empty. */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data))
}

/**
 * Test support: builds arbitrary compact JWS strings (any header, any payload, any HMAC hash, any key
 * bytes) with Web Crypto directly, independently of the package's signing path, so attack tokens are
 * exactly what an attacker holding (or guessing) a secret could produce.
 */

const encoder = new TextEncoder()

/** Plain base64url via btoa, deliberately not the package's encoder. */
export function b64url(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

export type HmacHash = 'SHA-256' | 'SHA-384' | 'SHA-512'

/** HMAC of `data` under raw `keyBytes`, as base64url. An empty key is HMAC's one zero byte (RFC 2104 pads). */
export async function hmac(keyBytes: Uint8Array, data: string, hash: HmacHash = 'SHA-256'): Promise<string> {
  const raw = keyBytes.length === 0 ? new Uint8Array(1) : keyBytes
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash }, false, ['sign'])
  return b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data))))
}

export interface ForgeInput {
  /** Key bytes, or a string whose UTF-8 bytes are the key. */
  key: Uint8Array | string
  header: Record<string, unknown> | string
  payload: Record<string, unknown> | string
  hash?: HmacHash
}

/** Signs `header.payload` (objects are JSON-encoded, strings used as given) with HMAC. */
export async function forge({ key, header, payload, hash }: ForgeInput): Promise<string> {
  const h = typeof header === 'string' ? header : b64url(JSON.stringify(header))
  const p = typeof payload === 'string' ? payload : b64url(JSON.stringify(payload))
  const keyBytes = typeof key === 'string' ? encoder.encode(key) : key
  return `${h}.${p}.${await hmac(keyBytes, `${h}.${p}`, hash)}`
}

/**
 * The probe's signature format, shared by request and response: `v1=<hex HMAC-SHA256(secret, message)>`,
 * where a string secret means its UTF-8 bytes. Verification decodes the offered hex and compares the
 * MAC bytes in constant time; anything that is not `v1=` plus 64 hex characters simply fails.
 */

import { constantTimeEqual } from '@alokai/internal'
import { runtime } from '#runtime'
import { KeyFormatError } from '../errors.ts'
import { decodeHex, encodeHex } from './hex.ts'
import { encodeUtf8 } from './utf8.ts'

/**
 * A probe secret: a string (its UTF-8 bytes are the HMAC key) or raw bytes.
 *
 * @example
 * ```ts
 * const secret: ProbeSecret = env.CMS_PROBE_SECRET
 * ```
 */
export type ProbeSecret = string | Uint8Array

const prefix = 'v1='

function secretBytes(secret: ProbeSecret): Uint8Array {
  const bytes =
    typeof secret === 'string'
      ? encodeUtf8(secret, 'the probe secret')
      : secret instanceof Uint8Array
        ? secret
        : undefined
  if (bytes === undefined) throw new TypeError('the probe secret must be a string or a Uint8Array')
  if (bytes.length === 0) throw new KeyFormatError('the probe secret must not be empty')
  return bytes
}

/** `v1=<hex HMAC-SHA256(secret, message)>`. */
export async function signMessage(secret: ProbeSecret, message: string): Promise<string> {
  const mac = await runtime.hmacSha256(secretBytes(secret), encodeUtf8(message, 'the probe message'))
  return prefix + encodeHex(mac)
}

/** True when `signature` is `v1=` and the hex HMAC of `message`, compared in constant time. */
export async function verifyMessage(
  secret: ProbeSecret,
  message: string,
  signature: string | null | undefined,
): Promise<boolean> {
  const key = secretBytes(secret) // a bad secret is a configuration error: throw, do not return false
  if (typeof signature !== 'string' || !signature.startsWith(prefix) || signature.length !== 67) return false
  const offered = decodeHex(signature.slice(prefix.length))
  if (offered === undefined) return false
  const expected = await runtime.hmacSha256(key, encodeUtf8(message, 'the probe message'))
  return constantTimeEqual(expected, offered)
}

const noncePattern = /^[0-9a-f]{32}$/

/** True when `nonce` is 32 lower-case hex characters (128 random bits). */
export function isProbeNonce(nonce: unknown): nonce is string {
  return typeof nonce === 'string' && noncePattern.test(nonce)
}

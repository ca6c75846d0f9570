/**
 * The sealed text format (docs/design.md, Sealed values), parsed and assembled in one place:
 * `v1.<kid>.<base64url( wrapNonce[12] | wrappedDek[32] | wrapTag[16] | nonce[12] | ciphertext | tag[16] )>`.
 * Parsing checks only structure (prefix, kid, strict base64url, minimum length); authenticity is the
 * job of AES-GCM with the wrap associated data `v1.<kid>` and the context's data associated data.
 */

import { runtime } from '#runtime'
import { MalformedError } from '../errors.ts'
import { nonceBytes, tagBytes } from './aes-gcm.ts'
import type { CryptoBackend } from './backend.ts'

/** The only version this package writes and reads. */
export const version = 'v1'

/** Bytes of a data key (AES-256). */
export const dekBytes = 32

/** Bytes of the wrap part: `wrapNonce | wrappedDek | wrapTag`. */
const wrapPartBytes: number = nonceBytes + dekBytes + tagBytes

/** The smallest payload: a wrap part and the data part of an empty plaintext. */
const minPayloadBytes = wrapPartBytes + nonceBytes + tagBytes

const kidPattern = /^[A-Za-z0-9_-]{8}$/

/** A structurally valid sealed value, split into its parts (views into one buffer). */
export interface ParsedSealed {
  kid: string
  /** `v1.<kid>` as UTF-8: the wrap's associated data. */
  wrapAad: Uint8Array
  wrapNonce: Uint8Array
  /** `wrappedDek | wrapTag`. */
  wrappedDek: Uint8Array
  /** `nonce | ciphertext | tag`: the data part, kept byte-identical by `rewrap`. */
  dataPart: Uint8Array
  nonce: Uint8Array
  /** `ciphertext | tag`. */
  ciphertext: Uint8Array
}

const encoder = new TextEncoder()

/** The wrap's associated data for a kid. */
export function wrapAadFor(kid: string): Uint8Array {
  return encoder.encode(`${version}.${kid}`)
}

/**
 * Parses sealed text; throws {@link MalformedError} with a message about structure only. The backend
 * only lends its base64url codec (strict on every backend).
 */
export function parseSealed(sealed: string, backend: CryptoBackend = runtime): ParsedSealed {
  if (typeof sealed !== 'string') throw new TypeError('a sealed value must be a string')
  const first = sealed.indexOf('.')
  const second = first < 0 ? -1 : sealed.indexOf('.', first + 1)
  if (second < 0) throw new MalformedError('a sealed value has the form v1.<kid>.<payload>')
  if (sealed.slice(0, first) !== version) throw new MalformedError('unsupported sealed value version')
  const kid = sealed.slice(first + 1, second)
  if (!kidPattern.test(kid)) throw new MalformedError('a kid is 8 base64url characters')
  const payload = backend.decodeBase64url(sealed.slice(second + 1))
  if (payload === undefined) throw new MalformedError('the payload is not strict unpadded base64url')
  if (payload.length < minPayloadBytes) throw new MalformedError('the payload is truncated')
  return {
    kid,
    wrapAad: wrapAadFor(kid),
    wrapNonce: payload.subarray(0, nonceBytes),
    wrappedDek: payload.subarray(nonceBytes, wrapPartBytes),
    dataPart: payload.subarray(wrapPartBytes),
    nonce: payload.subarray(wrapPartBytes, wrapPartBytes + nonceBytes),
    ciphertext: payload.subarray(wrapPartBytes + nonceBytes),
  }
}

/** Assembles sealed text from a kid and the payload's parts, in order. */
export function formatSealed(
  kid: string,
  parts: readonly Uint8Array[],
  backend: CryptoBackend = runtime,
): string {
  let size = 0
  for (const part of parts) size += part.length
  const payload = new Uint8Array(size)
  let o = 0
  for (const part of parts) {
    payload.set(part, o)
    o += part.length
  }
  return `${version}.${kid}.${backend.encodeBase64url(payload)}`
}

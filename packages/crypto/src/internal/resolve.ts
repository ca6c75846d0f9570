/**
 * Shared first steps of every operation that reads a sealed value: parse its structure, encode the
 * context, and pick the wrapping key by the value's kid (never by trying keys in turn).
 */
import { runtime } from '#runtime'
import { UnknownKeyError } from '../errors.ts'
import { type Keyring, wrappingKey } from '../keyring.ts'
import type { SealContext } from '../seal-context.ts'
import type { CryptoBackend } from './backend.ts'
import { encodeContext } from './context.ts'
import { type ParsedSealed, parseSealed } from './envelope.ts'

/** A parsed sealed value with the key that unwraps it and the data's associated data. */
export interface ResolvedSealed extends ParsedSealed {
  wrapKey: CryptoKey
  dataAad: Uint8Array
}

/** Parses `sealed` and finds its wrapping key; throws `ERR_MALFORMED` or `ERR_UNKNOWN_KEY`. */
export function resolveSealed(
  keyring: Keyring,
  sealed: string,
  context: SealContext | undefined,
  backend: CryptoBackend = runtime,
): ResolvedSealed {
  const dataAad = encodeContext(context)
  const parsed = parseSealed(sealed, backend)
  const wrapKey = wrappingKey(keyring, parsed.kid)
  if (wrapKey === undefined) throw new UnknownKeyError(parsed.kid)
  // Onto the fresh parse result rather than a copy of it: this runs on every open.
  return Object.assign(parsed, { wrapKey, dataAad })
}

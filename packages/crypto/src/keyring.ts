/**
 * Keyrings: the primary key-encryption key (KEK) that seals, plus previous KEKs that still open while a
 * rotation runs. `createKeyring` validates each key, derives its wrapping key and kid once with HKDF,
 * and keeps only non-extractable `CryptoKey`s: the raw key bytes are not retained.
 */
import { KeyFormatError } from './errors.ts'
import { dedupeKeys } from './internal/dedupe-keys.ts'
import { decodeHex, encodeHex } from './internal/hex.ts'
import { deriveFromKek } from './internal/hkdf.ts'

/**
 * A KEK: 64 hex characters or 32 bytes.
 *
 * @example
 * ```ts
 * const key: KeyInput = env.TOKEN_ENCRYPTION_KEY
 * ```
 */
export type KeyInput = string | Uint8Array

/**
 * What {@link createKeyring} takes.
 *
 * @example
 * ```ts
 * const options: KeyringOptions = { primary: newKey, previous: [oldKey] }
 * ```
 */
export interface KeyringOptions {
  /** The KEK that seals (and rewraps to); `TOKEN_ENCRYPTION_KEY`. */
  primary: KeyInput
  /**
   * KEKs that only open, kept while a rotation runs: an array, or a comma-separated string as in
   * `TOKEN_ENCRYPTION_KEY_PREVIOUS` (blank entries are skipped).
   * @default []
   */
  previous?: string | Uint8Array | readonly KeyInput[]
}

const kekBytes = 32

let wrapKeyOf: (keyring: Keyring, kid: string) => CryptoKey | undefined
let newKeyring: (keys: Map<string, CryptoKey>, primaryKid: string) => Keyring

/**
 * A set of KEKs by kid. Made by {@link createKeyring}; holds non-extractable keys in a private field,
 * and shows only its kids when logged or serialised.
 *
 * @example
 * ```ts
 * const keyring = await createKeyring({ primary: env.TOKEN_ENCRYPTION_KEY })
 * console.log(keyring.primaryKid) // e.g. "x3Jq0_Zb"
 * ```
 */
export class Keyring {
  /** The kid of the primary key: what `seal`, `rewrap` and `reseal` write. */
  readonly primaryKid: string
  /** Every kid this keyring opens, primary first. */
  readonly kids: readonly string[]
  readonly #keys: ReadonlyMap<string, CryptoKey>

  private constructor(keys: Map<string, CryptoKey>, primaryKid: string) {
    this.#keys = keys
    this.primaryKid = primaryKid
    this.kids = Object.freeze([...keys.keys()])
  }

  static {
    wrapKeyOf = (keyring, kid) => keyring.#keys.get(kid)
    newKeyring = (keys, primaryKid) => new Keyring(keys, primaryKid)
  }

  /** The kids only: a keyring serialises to nothing secret. */
  toJSON(): { primaryKid: string; kids: readonly string[] } {
    return { primaryKid: this.primaryKid, kids: this.kids }
  }
}

/** The wrapping key for a kid, or `undefined` (internal: not exported from the package). */
export function wrappingKey(keyring: Keyring, kid: string): CryptoKey | undefined {
  if (!(keyring instanceof Keyring)) throw new TypeError('expected a Keyring from createKeyring()')
  return wrapKeyOf(keyring, kid)
}

function parseKey(input: KeyInput, name: string): Uint8Array {
  if (input instanceof Uint8Array) {
    if (input.length !== kekBytes) {
      throw new KeyFormatError(`${name}: expected ${kekBytes} bytes, got ${input.length}`)
    }
    return input
  }
  if (typeof input !== 'string') throw new TypeError(`${name}: a key is a hex string or a Uint8Array`)
  if (input.length !== kekBytes * 2) {
    throw new KeyFormatError(`${name}: expected ${kekBytes * 2} hex characters, got ${input.length}`)
  }
  const bytes = decodeHex(input)
  if (bytes === undefined) {
    throw new KeyFormatError(
      `${name}: expected ${kekBytes * 2} hex characters (0-9, a-f), found another character`,
    )
  }
  return bytes
}

function previousList(previous: KeyringOptions['previous']): readonly KeyInput[] {
  if (previous === undefined) return []
  if (typeof previous === 'string') {
    return previous
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
  }
  if (previous instanceof Uint8Array) return [previous]
  if (!Array.isArray(previous)) throw new TypeError('previous: expected an array, a string or a Uint8Array')
  return previous
}

/**
 * Creates a keyring from the primary KEK and any previous ones. Identical keys are merged; two
 * different keys with the same kid, or a key that is not exactly 32 bytes / 64 hex characters, throw
 * `KeyFormatError` (`ERR_KEY_FORMAT`) with a message that names the rule, never the key.
 *
 * @example
 * ```ts
 * const keyring = await createKeyring({
 *   primary: env.TOKEN_ENCRYPTION_KEY,
 *   previous: env.TOKEN_ENCRYPTION_KEY_PREVIOUS, // "hex1,hex2" or undefined
 * })
 * ```
 */
export async function createKeyring(options: KeyringOptions): Promise<Keyring> {
  if (typeof options !== 'object' || options === null) throw new TypeError('expected { primary, previous? }')
  const inputs = [options.primary, ...previousList(options.previous)]
  const keys: Uint8Array[] = []
  try {
    for (const [i, key] of inputs.entries())
      keys.push(parseKey(key, i === 0 ? 'primary key' : `previous key ${i}`))
    const derived = await Promise.all(keys.map(async (bytes) => ({ bytes, ...(await deriveFromKek(bytes)) })))
    const entries = dedupeKeys(derived)
    const map = new Map(entries.map((e) => [e.kid, e.wrapKey]))
    return newKeyring(map, entries[0]!.kid)
  } finally {
    // Bytes decoded here from hex are ours: wipe them once the non-extractable keys exist. A caller's
    // Uint8Array is theirs to wipe.
    keys.forEach((bytes, i) => {
      if (!(inputs[i] instanceof Uint8Array)) bytes.fill(0)
    })
  }
}

/**
 * Generates a new random KEK as 64 lower-case hex characters (32 bytes from the platform CSPRNG), ready
 * for `wrangler secret put TOKEN_ENCRYPTION_KEY`.
 *
 * @example
 * ```ts
 * const key = generateKey() // "9f86d081884c7d65..."
 * ```
 */
export function generateKey(): string {
  return encodeHex(crypto.getRandomValues(new Uint8Array(kekBytes)))
}

/**
 * `@alokai/crypto`: AES-256-GCM envelope encryption of stored secrets with keyrings and rotation, on
 * Web Crypto. The probe signatures live in `@alokai/crypto/probe`.
 */

// Keys
export { createKeyring, generateKey, type KeyInput, Keyring, type KeyringOptions } from './keyring.ts'
export type { SealContext } from './seal-context.ts'

// Sealing and opening
export { seal } from './seal.ts'
export { open, openText } from './open.ts'

// Rotation
export { rewrap } from './rewrap.ts'
export { reseal } from './reseal.ts'

// Inspection
export { inspect, type SealedInfo } from './inspect.ts'

// Errors
export {
  CryptoError,
  type CryptoErrorCode,
  DecryptError,
  isCryptoError,
  KeyFormatError,
  MalformedError,
  UnknownKeyError,
} from './errors.ts'

/**
 * `@alokai/crypto`: AES-256-GCM envelope encryption of stored secrets with keyrings and rotation, on
 * Web Crypto. The probe signatures live in `@alokai/crypto/probe`.
 */

// Errors
export {
  CryptoError,
  type CryptoErrorCode,
  DecryptError,
  KeyFormatError,
  MalformedError,
  UnknownKeyError,
} from './errors.ts'
// Inspection
export { inspect, type SealedInfo } from './inspect.ts'
// Keys
export type { Context } from './internal/context.ts'
export { createKeyring, generateKey, type KeyInput, Keyring, type KeyringOptions } from './keyring.ts'
export { open, openText } from './open.ts'
export { reseal } from './reseal.ts'
// Rotation
export { rewrap } from './rewrap.ts'
// Sealing and opening
export { seal } from './seal.ts'

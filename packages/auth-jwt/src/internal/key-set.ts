/**
 * The imported keys of one issuer: the current secret's key (for signing) and a kid → key map over the
 * current and previous secrets (for verifying), so a token's kid selects its secret in one lookup and no
 * token is ever tried against every key.
 */
import { KidCollision } from '../errors.ts'
import type { HmacBackend, HmacKey } from './hmac.ts'
import { createSessionKey, type SessionKey } from './keys.ts'

/** Keys ready for signing and verifying. */
export interface KeySet {
  current: SessionKey
  byKid: ReadonlyMap<string, HmacKey>
}

/**
 * Imports distinct secrets (current first). Two different secrets with the same 48-bit kid would make
 * kid selection ambiguous, so that is refused (`ERR_KID_COLLISION`) rather than resolved by trial.
 */
export async function loadKeySet(secrets: readonly string[], backend: HmacBackend): Promise<KeySet> {
  const keys = await Promise.all(secrets.map((secret) => createSessionKey(secret, backend)))
  const byKid = new Map<string, HmacKey>()
  for (const { kid, key } of keys) {
    if (byKid.has(kid)) throw new KidCollision()
    byKid.set(kid, key)
  }
  const current = keys[0]
  if (current === undefined) throw new TypeError('at least one secret is required')
  return { current, byKid }
}

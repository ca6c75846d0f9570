/**
 * Keyring entries by kid: identical keys (listed twice, or the primary repeated among the previous
 * keys) collapse into one, and two different keys with the same kid are refused, because `open` picks
 * the key by kid and must never have to guess between two.
 */

import { constantTimeEqual } from '@alokai/internal'
import { KeyFormatError } from '../errors.ts'

/** A KEK's bytes with its kid. */
export interface KidEntry {
  kid: string
  bytes: Uint8Array
}

/** Keeps the first entry of each kid; throws {@link KeyFormatError} if a kid names two different keys. */
export function dedupeKeys<T extends KidEntry>(entries: readonly T[]): T[] {
  const byKid = new Map<string, T>()
  for (const entry of entries) {
    const seen = byKid.get(entry.kid)
    if (seen === undefined) byKid.set(entry.kid, entry)
    else if (!constantTimeEqual(seen.bytes, entry.bytes)) {
      throw new KeyFormatError(`two different keys share kid "${entry.kid}"; remove one of them`)
    }
  }
  return [...byKid.values()]
}

/**
 * The flash store behind post/redirect/get (`flash.ts` keeps the cookie and the redirect): a flash is
 * sealed with the app's keyring, bound to its owner (a session, or a visitor's pre-login binding) and its
 * random id, kept as a `dashboard_flashes` row for two minutes, and deleted as it is read (or, unread, by
 * the next flash made or the scheduled run's `pruneFlashes`).
 */
import { openText, seal } from '@alokai/crypto'
import { encodeBase64url } from '@alokai/internal'
import { sealContext } from '../../crypto/contexts'
import type { Scope } from '../../domain/scope'
import { deleteExpiredFlashes, insertFlash, takeFlashRow } from './store'

/** Long enough for the redirect to be followed on a slow link; short enough that a result left unread dies. */
export const FLASH_TTL_MS: number = 2 * 60 * 1000

/**
 * How many expired flashes one scheduled run deletes: a bounded statement keeps the run short whatever
 * piled up (each new flash also clears the expired ones, so a backlog is rare); the rest go next run.
 */
export const FLASH_PRUNE_BATCH = 500

/**
 * Seals and stores `payload` for the page at `path`, bound to `owner`; the flash's new random id.
 * @example const id = await saveFlash(scope, { owner: sid, path: '/spaces', payload: { notice } })
 */
export async function saveFlash(
  scope: Scope,
  input: { owner: string; path: string; payload: object },
): Promise<string> {
  const now = scope.now()
  const id = encodeBase64url(crypto.getRandomValues(new Uint8Array(32)))
  const payloadSealed = await seal(
    await scope.keyring(),
    JSON.stringify(input.payload),
    sealContext('dashboard.flash', input.owner, id),
  )
  await insertFlash(
    scope.db,
    { id, ownerId: input.owner, path: input.path, payloadSealed, expiresAt: now + FLASH_TTL_MS },
    now,
  )
  return id
}

/**
 * Takes (reads and deletes) flash `id` of `owner` for the page at `path`: `null` when there is none, else
 * its payload (`{}` when no configured key opens it any more: a key removed within its two minutes).
 * @example const taken = await takeSavedFlash(scope, { id, owner: sid, path: c.req.path })
 */
export async function takeSavedFlash(
  scope: Scope,
  input: { id: string; owner: string; path: string },
): Promise<{ payload: unknown } | null> {
  const sealed = await takeFlashRow(scope.db, {
    id: input.id,
    ownerId: input.owner,
    path: input.path,
    now: scope.now(),
  })
  if (sealed === undefined) return null
  try {
    const json = await openText(
      await scope.keyring(),
      sealed,
      sealContext('dashboard.flash', input.owner, input.id),
    )
    return { payload: JSON.parse(json) }
  } catch {
    return { payload: {} }
  }
}

/**
 * Deletes up to {@link FLASH_PRUNE_BATCH} expired flashes (the scheduled run's step): a result nobody came
 * back for, which may hold a sealed token, does not outlive its two minutes by more than a run.
 * @example const deleted = await pruneFlashes(scope)
 */
export async function pruneFlashes(scope: Scope): Promise<number> {
  return deleteExpiredFlashes(scope.db, { now: scope.now(), limit: FLASH_PRUNE_BATCH })
}

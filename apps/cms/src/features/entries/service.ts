/**
 * Content entries, the feature's door: reading a space's entries (the draft view for callers who see
 * drafts, the published snapshot for delivery tokens) and changing them — create with a server-generated
 * id, replace the draft, publish, delete — each change audited as `content.<verb>` with the entry as target.
 * It takes the `Scope` and the caller, never HTTP, so a cron, a script or a test runs it the same as
 * `/api/spaces/:spaceId/entries`. Callers have passed `authorize('content.read' | 'content.write')`.
 */
import type { Caller } from '../../domain/caller'
import { NotFound, TooLarge } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { seesDrafts } from '../api-tokens/bearer'
import { findSpace } from '../spaces/service'
import {
  countEntries as countRows,
  deleteEntry as deleteRow,
  type Entry,
  type EntryPage,
  findEntry as findDraft,
  findPublishedEntry,
  createEntry as insertEntry,
  listEntries as listDrafts,
  listPublishedEntries,
  type PublishedEntry,
  publishEntry as publishDraft,
  updateEntryDraft,
} from './store'

/** The largest entry body, as serialised JSON (a request as a whole is capped at 16 KiB). */
const MAX_ENTRY_BODY_BYTES: number = 12 * 1024

const noEntry = (): NotFound => new NotFound('No such entry')

function checkSize(body: Record<string, unknown>): void {
  if (new TextEncoder().encode(JSON.stringify(body)).byteLength > MAX_ENTRY_BODY_BYTES) {
    throw new TooLarge('Entry body too large')
  }
}

async function audited(scope: Scope, action: string, entry: { spaceId: string; id: string }): Promise<void> {
  await scope.audit.record({
    action,
    outcome: 'success',
    spaceId: entry.spaceId,
    targetType: 'entry',
    targetId: entry.id,
  })
}

/**
 * A page of a space's entries, ordered by id: drafts for a caller who sees them, else published ones.
 * @example const entries = await listEntries(scope, caller, { spaceId, limit: 50 })
 */
export async function listEntries(
  scope: Scope,
  caller: Caller,
  page: EntryPage,
): Promise<Entry[] | PublishedEntry[]> {
  return seesDrafts(caller) ? listDrafts(scope.db, page) : listPublishedEntries(scope.db, page)
}

/**
 * One entry as the caller may see it; `NotFound` for an unknown id, another space's entry, or (for a
 * delivery token) an entry never published.
 * @example const entry = await findEntry(scope, caller, { spaceId, id })
 */
export async function findEntry(
  scope: Scope,
  caller: Caller,
  input: { spaceId: string; id: string },
): Promise<Entry | PublishedEntry> {
  const entry = seesDrafts(caller)
    ? await findDraft(scope.db, input)
    : await findPublishedEntry(scope.db, input)
  if (!entry) throw noEntry()
  return entry
}

/**
 * How many entries a space holds (drafts included).
 * @example const n = await countEntries(scope, spaceId)
 */
export async function countEntries(scope: Scope, spaceId: string): Promise<number> {
  return countRows(scope.db, spaceId)
}

/**
 * Creates an entry with a fresh id in an existing space (`NotFound` otherwise; `TooLarge` for a body over
 * {@link MAX_ENTRY_BODY_BYTES}); audited `content.create`.
 * @example const entry = await createEntry(scope, { spaceId, body: { title: 'Hi' } })
 */
export async function createEntry(
  scope: Scope,
  input: { spaceId: string; body: Record<string, unknown> },
): Promise<Entry> {
  checkSize(input.body)
  if (!(await findSpace(scope, input.spaceId))) throw new NotFound('No such space')
  const entry = await insertEntry(scope.db, { ...input, now: scope.now() })
  await audited(scope, 'content.create', entry)
  return entry
}

/**
 * Replaces the draft of an existing entry (`NotFound` otherwise; `TooLarge` for a body over
 * {@link MAX_ENTRY_BODY_BYTES}); audited `content.update`.
 * @example const entry = await updateEntry(scope, { spaceId, id, body })
 */
export async function updateEntry(
  scope: Scope,
  input: { spaceId: string; id: string; body: Record<string, unknown> },
): Promise<Entry> {
  checkSize(input.body)
  const entry = await updateEntryDraft(scope.db, { ...input, now: scope.now() })
  if (!entry) throw noEntry()
  await audited(scope, 'content.update', entry)
  return entry
}

/**
 * Publishes an entry's current draft (`NotFound` for no such entry); audited `content.publish`.
 * @example const entry = await publishEntry(scope, { spaceId, id })
 */
export async function publishEntry(scope: Scope, input: { spaceId: string; id: string }): Promise<Entry> {
  const entry = await publishDraft(scope.db, { ...input, now: scope.now() })
  if (!entry) throw noEntry()
  await audited(scope, 'content.publish', entry)
  return entry
}

/**
 * Deletes an entry, draft and published snapshot (`NotFound` for no such entry); audited `content.delete`.
 * @example await deleteEntry(scope, { spaceId, id })
 */
export async function deleteEntry(scope: Scope, input: { spaceId: string; id: string }): Promise<void> {
  if (!(await deleteRow(scope.db, input))) throw noEntry()
  await audited(scope, 'content.delete', input)
}

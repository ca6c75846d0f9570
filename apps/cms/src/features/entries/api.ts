/**
 * `/api/spaces/:spaceId/entries`: the content API. `POST` creates an entry with a server-generated
 * `ent_…` id (ids are never chosen by clients: they are unguessable and global), `PUT /:entryId` replaces
 * the draft of an existing entry, `POST /:entryId/publish` publishes the current draft, `DELETE` removes
 * the entry. Readers who see drafts (users with `content.read`, preview and management tokens) get the
 * draft view; delivery tokens see published entries only, and an unpublished entry is a 404 to them.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { isId } from '../../db/ids'
import type { AuditDeclaration } from '../../http/audit-declaration'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requirePrincipal } from '../../http/identify'
import { idParam, spaceIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { requestQuery } from '../../http/query'
import { seesDrafts } from '../api-tokens/bearer'
import { findSpace } from '../spaces/store'
import {
  createEntry,
  deleteEntry,
  findEntry,
  findPublishedEntry,
  listEntries,
  listPublishedEntries,
  publishEntry,
  updateEntryDraft,
} from './store'

/** The largest entry body, as serialised JSON (the request as a whole is capped at 16 KiB). */
export const MAX_ENTRY_BODY_BYTES: number = 12 * 1024

const entryBody = z.strictObject({ body: z.record(z.string(), z.unknown()) })
const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z
    .string()
    .refine((v) => isId('ent', v), 'Not an entry id')
    .optional(),
})

async function readEntryBody(c: Parameters<typeof readBody>[0]): Promise<Record<string, unknown>> {
  const { body } = await readBody(c, entryBody)
  if (new TextEncoder().encode(JSON.stringify(body)).byteLength > MAX_ENTRY_BODY_BYTES) {
    throw new HttpProblem(413, 'payload_too_large', 'Entry body too large')
  }
  return body
}

// One policy action (`content.write`), four audited ones; the entry id is in the path, or in the answer of a create.
const ENTRY = { type: 'entry', param: 'entryId' } as const
const AUDIT = {
  create: { action: 'content.create', target: { type: 'entry', answerField: 'id' } },
  update: { action: 'content.update', target: ENTRY },
  publish: { action: 'content.publish', target: ENTRY },
  delete: { action: 'content.delete', target: ENTRY },
} satisfies Record<string, AuditDeclaration>

const noEntry = (): HttpProblem => new HttpProblem(404, 'not_found', 'No such entry')

/** The content routes, mounted at `/api/spaces/:spaceId/entries`. */
export const entriesApi: Hono<CmsHono> = new Hono<CmsHono>()

entriesApi.get('/', requestQuery(pageQuery))
entriesApi.get('/', authorize('content.read'), async (c) => {
  const spaceId = spaceIdParam(c)
  const parsed = pageQuery.safeParse(c.req.query())
  if (!parsed.success) throw new HttpProblem(400, 'bad_request', 'Invalid query')
  const page = { spaceId, limit: parsed.data.limit, after: parsed.data.after }
  const entries = seesDrafts(await requirePrincipal(c))
    ? await listEntries(c.env.DB, page)
    : await listPublishedEntries(c.env.DB, page)
  const last = entries.length === page.limit ? entries[entries.length - 1] : undefined
  return c.json({ entries, next: last?.id ?? null })
})

entriesApi.post('/', requestBody(entryBody))
entriesApi.post('/', authorize('content.write', { audit: AUDIT.create }), async (c) => {
  const spaceId = spaceIdParam(c)
  const body = await readEntryBody(c)
  if (!(await findSpace(c.env.DB, spaceId))) throw new HttpProblem(404, 'not_found', 'No such space')
  const entry = await createEntry(c.env.DB, { spaceId, body, now: c.var.scope.now() })
  c.header('Location', `/api/spaces/${spaceId}/entries/${entry.id}`)
  return c.json(entry, 201)
})

entriesApi.get('/:entryId', authorize('content.read'), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  const entry = seesDrafts(await requirePrincipal(c))
    ? await findEntry(c.env.DB, { spaceId, id })
    : await findPublishedEntry(c.env.DB, { spaceId, id })
  if (!entry) throw noEntry()
  return c.json(entry)
})

entriesApi.put('/:entryId', requestBody(entryBody))
entriesApi.put('/:entryId', authorize('content.write', { audit: AUDIT.update }), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  const body = await readEntryBody(c)
  const entry = await updateEntryDraft(c.env.DB, { spaceId, id, body, now: c.var.scope.now() })
  if (!entry) throw noEntry()
  return c.json(entry)
})

entriesApi.post('/:entryId/publish', authorize('content.write', { audit: AUDIT.publish }), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  const entry = await publishEntry(c.env.DB, { spaceId, id, now: c.var.scope.now() })
  if (!entry) throw noEntry()
  return c.json(entry)
})

entriesApi.delete('/:entryId', authorize('content.write', { audit: AUDIT.delete }), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  if (!(await deleteEntry(c.env.DB, { spaceId, id }))) throw noEntry()
  return c.body(null, 204)
})

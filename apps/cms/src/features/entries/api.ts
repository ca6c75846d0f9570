/**
 * `/api/spaces/:spaceId/entries`: the content API. `POST` creates an entry with a server-generated
 * `ent_…` id (ids are never chosen by clients: they are unguessable and global), `PUT /:entryId` replaces
 * the draft of an existing entry, `POST /:entryId/publish` publishes the current draft, `DELETE` removes
 * the entry. Readers who see drafts (users with `content.read`, preview and management tokens) get the
 * draft view; delivery tokens see published entries only, and an unpublished entry is a 404 to them.
 */
import { Hono } from 'hono'
import * as z from 'zod'
import { isId } from '../../domain/ids'
import type { AuditDeclaration } from '../../http/audit-declaration'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requirePrincipal } from '../../http/identify'
import { idParam, spaceIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { requestQuery } from '../../http/query'
import { createEntry, deleteEntry, findEntry, listEntries, publishEntry, updateEntry } from './service'

const entryBody = z.strictObject({ body: z.record(z.string(), z.unknown()) })
const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z
    .string()
    .refine((v) => isId('ent', v), 'Not an entry id')
    .optional(),
})

async function readEntryBody(c: Parameters<typeof readBody>[0]): Promise<Record<string, unknown>> {
  return (await readBody(c, entryBody)).body
}

// One policy action (`content.write`), four audited ones: the service records each with the entry as target.
const AUDIT = {
  create: { action: 'content.create' },
  update: { action: 'content.update' },
  publish: { action: 'content.publish' },
  delete: { action: 'content.delete' },
} satisfies Record<string, AuditDeclaration>

/** The content routes, mounted at `/api/spaces/:spaceId/entries`. */
export const entriesApi: Hono<CmsHono> = new Hono<CmsHono>()

entriesApi.get('/', requestQuery(pageQuery))
entriesApi.get('/', authorize('content.read'), async (c) => {
  const spaceId = spaceIdParam(c)
  const parsed = pageQuery.safeParse(c.req.query())
  if (!parsed.success) throw new HttpProblem(400, 'bad_request', 'Invalid query')
  const page = { spaceId, limit: parsed.data.limit, after: parsed.data.after }
  const entries = await listEntries(c.var.scope, await requirePrincipal(c), page)
  const last = entries.length === page.limit ? entries[entries.length - 1] : undefined
  return c.json({ entries, next: last?.id ?? null })
})

entriesApi.post('/', requestBody(entryBody))
entriesApi.post('/', authorize('content.write', { audit: AUDIT.create }), async (c) => {
  const spaceId = spaceIdParam(c)
  const body = await readEntryBody(c)
  const entry = await createEntry(c.var.scope, { spaceId, body })
  c.header('Location', `/api/spaces/${spaceId}/entries/${entry.id}`)
  return c.json(entry, 201)
})

entriesApi.get('/:entryId', authorize('content.read'), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  return c.json(await findEntry(c.var.scope, await requirePrincipal(c), { spaceId, id }))
})

entriesApi.put('/:entryId', requestBody(entryBody))
entriesApi.put('/:entryId', authorize('content.write', { audit: AUDIT.update }), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  const body = await readEntryBody(c)
  return c.json(await updateEntry(c.var.scope, { spaceId, id, body }))
})

entriesApi.post('/:entryId/publish', authorize('content.write', { audit: AUDIT.publish }), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  return c.json(await publishEntry(c.var.scope, { spaceId, id }))
})

entriesApi.delete('/:entryId', authorize('content.write', { audit: AUDIT.delete }), async (c) => {
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'entryId', 'ent', 'No such entry')
  await deleteEntry(c.var.scope, { spaceId, id })
  return c.body(null, 204)
})

import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEntry, updateEntry } from '../../src/features/entries/service'
import { bearerClient, expectNoTokenInDatabase, issueToken, member, testClock } from './api-tokens-helpers'
import type { Client } from './helpers'
import { loggedIn, makeSpace } from './helpers'
import { serviceScope } from './service-scope'

type Op = 'list' | 'getPublished' | 'getDraft' | 'create' | 'update' | 'publish' | 'delete'
const OPS: Op[] = ['list', 'getPublished', 'getDraft', 'create', 'update', 'publish', 'delete']

let spaceId: string
let admin: Client
let published: string
let draft: string

async function makeEntry(c: Client, body: Record<string, unknown>, publish: boolean): Promise<string> {
  const res = await c.fetch(`/api/spaces/${spaceId}/entries`, { json: { body } })
  expect(res.status).toBe(201)
  const { id } = (await res.json()) as { id: string }
  expect(res.headers.get('location')).toBe(`/api/spaces/${spaceId}/entries/${id}`)
  if (publish)
    expect((await c.fetch(`/api/spaces/${spaceId}/entries/${id}/publish`, { method: 'POST' })).status).toBe(
      200,
    )
  return id
}

/** Runs one content operation as `c`; returns the status and, for reads, the ids/body seen. */
async function run(c: Client, op: Op): Promise<{ status: number; ids?: string[] }> {
  const base = `/api/spaces/${spaceId}/entries`
  switch (op) {
    case 'list': {
      const res = await c.fetch(base)
      if (res.status !== 200) return { status: res.status }
      return {
        status: 200,
        ids: ((await res.json()) as { entries: { id: string }[] }).entries.map((e) => e.id),
      }
    }
    case 'getPublished':
      return { status: (await c.fetch(`${base}/${published}`)).status }
    case 'getDraft':
      return { status: (await c.fetch(`${base}/${draft}`)).status }
    case 'create':
      return { status: (await c.fetch(base, { json: { body: { title: 'new' } } })).status }
    case 'update': {
      const target = await makeEntry(admin, { title: 'to update' }, false)
      return {
        status: (await c.fetch(`${base}/${target}`, { method: 'PUT', json: { body: { title: 'updated' } } }))
          .status,
      }
    }
    case 'publish': {
      const target = await makeEntry(admin, { title: 'to publish' }, false)
      return { status: (await c.fetch(`${base}/${target}/publish`, { method: 'POST' })).status }
    }
    case 'delete': {
      const target = await makeEntry(admin, { title: 'to delete' }, false)
      return { status: (await c.fetch(`${base}/${target}`, { method: 'DELETE' })).status }
    }
  }
}

const issued: string[] = []
const clients: Record<string, Client> = {}

beforeAll(async () => {
  const clock = testClock()
  const a = await member(clock, 'admin')
  admin = a
  spaceId = a.spaceId
  published = await makeEntry(admin, { title: 'live', tags: ['a'] }, true)
  draft = await makeEntry(admin, { title: 'secret draft' }, false)
  for (const scope of ['delivery', 'preview', 'management'] as const) {
    const { token } = await issueToken(admin, spaceId, scope)
    issued.push(token)
    clients[scope] = bearerClient(token, clock)
  }
  clients.editor = await member(clock, 'editor', spaceId)
  clients.admin = admin
  clients.global = await loggedIn({ globalAdmin: true })
  clients.otherSpaceEditor = await member(clock, 'editor', await makeSpace())
})

// Every principal × every content operation: the expected status.
const MATRIX: [string, Record<Op, number>][] = [
  [
    'delivery',
    { list: 200, getPublished: 200, getDraft: 404, create: 403, update: 403, publish: 403, delete: 403 },
  ],
  [
    'preview',
    { list: 200, getPublished: 200, getDraft: 200, create: 403, update: 403, publish: 403, delete: 403 },
  ],
  [
    'management',
    { list: 200, getPublished: 200, getDraft: 200, create: 201, update: 200, publish: 200, delete: 204 },
  ],
  [
    'editor',
    { list: 200, getPublished: 200, getDraft: 200, create: 201, update: 200, publish: 200, delete: 204 },
  ],
  [
    'admin',
    { list: 200, getPublished: 200, getDraft: 200, create: 201, update: 200, publish: 200, delete: 204 },
  ],
  [
    'global',
    { list: 200, getPublished: 200, getDraft: 200, create: 201, update: 200, publish: 200, delete: 204 },
  ],
  [
    'otherSpaceEditor',
    { list: 403, getPublished: 403, getDraft: 403, create: 403, update: 403, publish: 403, delete: 403 },
  ],
]

describe('the content scope matrix', () => {
  for (const [who, expected] of MATRIX) {
    for (const op of OPS) {
      it(`${who} → ${op} answers ${expected[op]}`, async () => {
        const client = clients[who]
        if (!client) throw new Error(`no client ${who}`)
        const { status, ids } = await run(client, op)
        expect(status).toBe(expected[op])
        if (ids) {
          expect(ids).toContain(published)
          // Delivery never lists an unpublished entry; everyone who reads drafts does.
          expect(ids.includes(draft)).toBe(who !== 'delivery')
        }
      })
    }
  }

  it('shows delivery the published snapshot, not later draft edits', async () => {
    const base = `/api/spaces/${spaceId}/entries/${published}`
    expect((await admin.fetch(base, { method: 'PUT', json: { body: { title: 'edited' } } })).status).toBe(200)
    const seen = (await (await clients.delivery?.fetch(base))?.json()) as Record<string, unknown>
    expect(seen.body).toEqual({ title: 'live', tags: ['a'] })
    expect(Object.keys(seen).sort()).toEqual(['body', 'id', 'publishedAt', 'spaceId'])
    const editorView = (await (await clients.preview?.fetch(base))?.json()) as Record<string, unknown>
    expect(editorView).toMatchObject({ body: { title: 'edited' }, state: 'changed' })
  })

  it('audits token refusals as denied, with the token as actor and never the token itself', async () => {
    const rows = await env.DB.prepare(
      "SELECT actor_type, action, outcome, reason FROM audit_log WHERE actor_type = 'api_token' AND space_id = ?1 AND outcome = 'denied'",
    )
      .bind(spaceId)
      .all()
    // delivery + preview × (create, update, publish, delete)
    expect(rows.results).toHaveLength(8)
    expect(rows.results.every((r) => r.action === 'content.write' && r.reason === 'forbidden')).toBe(true)
  })
})

describe('entry input', () => {
  it('accepts API-token writes without Origin (no cookie, no CSRF) but refuses cross-site cookie writes', async () => {
    const base = `/api/spaces/${spaceId}/entries`
    expect((await clients.management?.fetch(base, { json: { body: { a: 1 } } }))?.status).toBe(201)
    const res = await admin.fetch(base, { json: { body: { a: 1 } }, sameOrigin: false })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { code: string }).code).toBe('csrf_failed')
  })

  it('refuses non-object bodies, oversized bodies, unknown fields and malformed ids', async () => {
    const base = `/api/spaces/${spaceId}/entries`
    for (const body of [[1, 2], 'text', null, 3]) {
      expect((await admin.fetch(base, { json: { body } })).status).toBe(400)
    }
    expect((await admin.fetch(base, { json: { body: {}, extra: 1 } })).status).toBe(400)
    expect((await admin.fetch(base, { json: { body: { big: 'x'.repeat(13 * 1024) } } })).status).toBe(413)
    expect((await admin.fetch(`${base}/not-an-id`)).status).toBe(404)
    expect((await admin.fetch(`${base}?after=nope`)).status).toBe(400)
    expect((await admin.fetch(`${base}?limit=1000`)).status).toBe(400)
  })

  it('keeps the 12 KiB body limit without HTTP too: the service refuses and stores nothing', async () => {
    const scope = serviceScope()
    const space = await makeSpace()
    const big = { big: 'x'.repeat(13 * 1024) }
    await expect(createEntry(scope, { spaceId: space, body: big })).rejects.toMatchObject({
      code: 'payload_too_large',
    })
    const entry = await createEntry(scope, { spaceId: space, body: { title: 'small' } })
    await expect(updateEntry(scope, { spaceId: space, id: entry.id, body: big })).rejects.toMatchObject({
      code: 'payload_too_large',
    })
    const count = await env.DB.prepare('SELECT count(*) AS n FROM entries WHERE space_id = ?1')
      .bind(space)
      .first<number>('n')
    expect(count).toBe(1)
  })

  it('treats an entry of another space like an unknown one', async () => {
    const clock = testClock()
    const other = await member(clock, 'admin')
    const res = await other.fetch(`/api/spaces/${other.spaceId}/entries`, { json: { body: { t: 1 } } })
    const { id } = (await res.json()) as { id: string }
    for (const init of [{}, { method: 'PUT', json: { body: {} } }, { method: 'DELETE' }]) {
      expect((await admin.fetch(`/api/spaces/${spaceId}/entries/${id}`, init)).status).toBe(404)
    }
    expect(
      (await admin.fetch(`/api/spaces/${spaceId}/entries/${id}/publish`, { method: 'POST' })).status,
    ).toBe(404)
  })

  it('pages with a cursor', async () => {
    const space = await makeSpace()
    const c = await loggedIn({ spaces: [{ spaceId: space, role: 'editor' }] })
    for (let i = 0; i < 3; i++) await c.fetch(`/api/spaces/${space}/entries`, { json: { body: { i } } })
    const first = (await (await c.fetch(`/api/spaces/${space}/entries?limit=2`)).json()) as {
      entries: { id: string }[]
      next: string | null
    }
    expect(first.entries).toHaveLength(2)
    const second = (await (
      await c.fetch(`/api/spaces/${space}/entries?limit=2&after=${first.next}`)
    ).json()) as {
      entries: { id: string }[]
      next: string | null
    }
    expect(second.entries).toHaveLength(1)
    expect(second.next).toBeNull()
  })
})

describe('the storage scan', () => {
  it('finds a token when one is planted (so a clean scan means something)', async () => {
    const planted = `cms_delivery_${'Q'.repeat(43)}`
    await admin.fetch(`/api/spaces/${spaceId}/entries`, { json: { body: { note: planted.slice(-43) } } })
    await expect(expectNoTokenInDatabase([planted])).rejects.toThrow(
      /token material found in entries\.draft_body/,
    )
  })

  it('holds none of the tokens issued here', async () => {
    expect(await expectNoTokenInDatabase(issued)).toBeGreaterThan(0)
  })
})

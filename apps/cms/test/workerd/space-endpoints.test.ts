/**
 * The shared space endpoint (`src/features/space-endpoints/`) on its own: a service scope built directly
 * (no HTTP), an in-memory table of its own so no feature's code is involved, and an audit recorder that
 * keeps the events. Each test names one rule of the module: the secret's fate on an origin change, the
 * write-only public view, the seal context binding, the URL policy on save, and the audited call.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { loadEnv } from '../../src/config/load-config'
import { getKeyring } from '../../src/crypto/keyring'
import type { AuditEvent } from '../../src/domain/audit'
import type { UserCaller } from '../../src/domain/caller'
import { NotFound, SecretUnavailable, UrlNotAllowed } from '../../src/domain/errors'
import type { Scope } from '../../src/domain/scope'
import {
  callEndpoint,
  createEndpoint,
  deleteEndpoint,
  type EndpointWrite,
  updateEndpoint,
} from '../../src/features/space-endpoints/endpoint'
import { type EndpointKind, endpointView } from '../../src/features/space-endpoints/endpoint-kind'
import { openEndpointSecret, sealEndpointSecret } from '../../src/features/space-endpoints/endpoint-secret'
import { makeSpace } from './helpers'

const SECRET = 'endpoint-secret-Hq7Lz2Vx9Pw4'
const NEW_SECRET = 'endpoint-secret-new-Rk3Mb8Tc1Y'

interface TestRow {
  id: string
  space_id: string
  url: string
  sealed: string | null
  last4: string | null
}

/** A table of the test's own, so the module is exercised without either feature. */
function memoryKind(): { kind: EndpointKind<TestRow>; rows: Map<string, TestRow> } {
  const rows = new Map<string, TestRow>()
  const kind: EndpointKind<TestRow> = {
    auditPrefix: 'thing',
    targetType: 'test_endpoint',
    purpose: 'mcp.bearer',
    idPrefix: 'mcp',
    notFound: 'No such thing',
    urlForm: 'exact',
    endpoint: (row) => ({
      id: row.id,
      spaceId: row.space_id,
      url: row.url,
      secret: row.sealed === null ? null : { sealed: row.sealed, last4: row.last4 },
    }),
    find: async (_db, spaceId, id) => {
      const row = rows.get(id)
      return row && row.space_id === spaceId ? { ...row } : null
    },
    remove: async (_db, spaceId, id) => rows.get(id)?.space_id === spaceId && rows.delete(id),
  }
  return { kind, rows }
}

function store(rows: Map<string, TestRow>, write: EndpointWrite): Promise<void> {
  rows.set(write.id, {
    id: write.id,
    space_id: write.spaceId,
    url: write.url,
    sealed: write.secret?.sealed ?? null,
    last4: write.secret?.last4 ?? null,
  })
  return Promise.resolve()
}

function testScope(): { scope: Scope; events: AuditEvent[] } {
  const loaded = loadEnv(env)
  if (!loaded.ok) throw new Error('The test env does not validate')
  const { config } = loaded
  const events: AuditEvent[] = []
  const scope: Scope = {
    db: env.DB,
    config,
    keyring: () => getKeyring(config),
    now: () => 1_767_225_600_000,
    auditArchive: env.AUDIT_ARCHIVE,
    audit: {
      record: async (event) => {
        events.push(event)
      },
    },
    outbound: {
      allowPrivate: false,
      timeoutMs: 100,
      maxBytes: 1024,
      fetch: () => Promise.reject(new TypeError('no network in this test')),
    },
    clientIp: null,
    onPasswordDerivation: undefined,
  }
  return { scope, events }
}

const caller: UserCaller = {
  userId: 'usr_endpointtestcaller000',
  via: 'session',
  sid: undefined,
  authenticatedAt: 0,
  roles: { global: [], spaces: [] },
}

async function setup(url = 'https://one.example/path', secret: string | undefined = SECRET) {
  const { kind, rows } = memoryKind()
  const { scope, events } = testScope()
  const spaceId = await makeSpace('Endpoint space')
  const row = await createEndpoint(scope, kind, { caller, spaceId, url, secret }, (w) => store(rows, w))
  return { kind, rows, scope, events, spaceId, row }
}

describe('space endpoint: the secret when the URL changes', () => {
  it('a change of origin without a new secret drops the stored secret and audits the drop', async () => {
    const { kind, rows, scope, events, row } = await setup()
    events.length = 0
    const writes: (EndpointWrite & { urlChanged: boolean })[] = []
    const result = await updateEndpoint(scope, kind, row, { url: 'https://two.example/path' }, (w) => {
      writes.push(w)
      return store(rows, w)
    })
    expect(writes).toHaveLength(1)
    expect(writes[0]?.secret).toBeNull()
    expect(writes[0]?.urlChanged).toBe(true)
    expect(result.secretDiscarded).toBe(true)
    expect(result.row.sealed).toBeNull()
    const target = { spaceId: row.space_id, targetType: 'test_endpoint', targetId: row.id }
    expect(events).toEqual([
      { action: 'thing.update', outcome: 'success', ...target },
      { action: 'thing.secret_discarded', outcome: 'success', reason: 'origin_changed', ...target },
    ])
  })

  it('the same origin keeps the secret, and a new origin with a new secret replaces it without a drop', async () => {
    const { kind, rows, scope, events, row } = await setup()
    const moved = await updateEndpoint(scope, kind, row, { url: 'https://one.example/other' }, (w) =>
      store(rows, w),
    )
    expect(moved.secretDiscarded).toBe(false)
    expect(moved.row.sealed).toBe(row.sealed)
    const replaced = await updateEndpoint(
      scope,
      kind,
      moved.row,
      { url: 'https://three.example/', secret: NEW_SECRET },
      (w) => store(rows, w),
    )
    expect(replaced.secretDiscarded).toBe(false)
    expect(replaced.row.last4).toBe(NEW_SECRET.slice(-4))
    const owner = { purpose: kind.purpose, spaceId: row.space_id, id: row.id }
    const sealed = replaced.row.sealed ?? ''
    expect(await openEndpointSecret(await scope.keyring(), owner, sealed)).toBe(NEW_SECRET)
    expect(events.map((e) => e.action)).not.toContain('thing.secret_discarded')
  })
})

describe('space endpoint: the secret is write-only', () => {
  it('the public view says whether a secret is set and never contains it, sealed or plain', async () => {
    const { kind, row } = await setup()
    const view = endpointView(kind.endpoint(row))
    expect(view).toEqual({ id: row.id, spaceId: row.space_id, url: row.url, hasSecret: true })
    const text = JSON.stringify(view)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(row.sealed ?? SECRET)
    expect(row.sealed).toMatch(/^v1\./)
  })
})

describe('space endpoint: the seal context', () => {
  it('a value sealed for one row does not open for another row, space or purpose', async () => {
    const keyring = await getKeyring(testScope().scope.config)
    const owner = { purpose: 'mcp.bearer' as const, spaceId: 'spc_a', id: 'mcp_a' }
    const { sealed } = await sealEndpointSecret(keyring, owner, SECRET)
    expect(await openEndpointSecret(keyring, owner, sealed)).toBe(SECRET)
    for (const other of [
      { ...owner, id: 'mcp_b' },
      { ...owner, spaceId: 'spc_b' },
      { ...owner, purpose: 'preview.probe' as const },
    ]) {
      const err = await openEndpointSecret(keyring, other, sealed).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(SecretUnavailable)
      expect((err as SecretUnavailable).code).toBe('secret_unavailable')
      expect((err as Error).message).not.toContain(SECRET)
    }
  })

  it('a secret copied into another row is unavailable to its call: nothing is called or audited', async () => {
    const { kind, rows, scope, events, row, spaceId } = await setup()
    const other = await createEndpoint(
      scope,
      kind,
      { caller, spaceId, url: 'https://one.example/b', secret: undefined },
      (w) => store(rows, w),
    )
    events.length = 0
    const copied = { ...other, sealed: row.sealed, last4: row.last4 }
    let called = false
    const err = await callEndpoint(scope, kind, copied, 'probe', async () => {
      called = true
      return { result: null, outcome: 'success' }
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SecretUnavailable)
    expect(called).toBe(false)
    expect(events).toEqual([])
  })
})

describe('space endpoint: the URL on save', () => {
  it('a URL the policy refuses is UrlNotAllowed with its reason, and nothing is written or audited', async () => {
    const { kind, rows } = memoryKind()
    const { scope, events } = testScope()
    const spaceId = await makeSpace('Endpoint space')
    const err = await createEndpoint(
      scope,
      kind,
      { caller, spaceId, url: 'https://10.0.0.1/', secret: SECRET },
      (w) => store(rows, w),
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UrlNotAllowed)
    expect((err as UrlNotAllowed).reason).toBe('blocked_address')
    expect(rows.size).toBe(0)
    expect(events).toEqual([])
  })

  it('a URL is stored in its canonical form, on create and on change', async () => {
    const { kind, rows, scope, row } = await setup('HTTPS://One.Example:443/a/../b')
    expect(row.url).toBe('https://one.example/b')
    const changed = await updateEndpoint(scope, kind, row, { url: 'https://ONE.example/c?x=1' }, (w) =>
      store(rows, w),
    )
    expect(changed.row.url).toBe('https://one.example/c?x=1')
  })

  it('create in a space that does not exist is NotFound', async () => {
    const { kind, rows } = memoryKind()
    const { scope } = testScope()
    const input = {
      caller,
      spaceId: 'spc_nosuchspace00000000000',
      url: 'https://one.example/',
      secret: SECRET,
    }
    const err = await createEndpoint(scope, kind, input, (w) => store(rows, w)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NotFound)
    expect(rows.size).toBe(0)
  })
})

describe('space endpoint: create, delete and the call are audited', () => {
  it('create and delete audit <prefix>.create / <prefix>.delete on the row', async () => {
    const { kind, rows, scope, events, row } = await setup()
    await deleteEndpoint(scope, kind, row)
    expect(rows.has(row.id)).toBe(false)
    const target = { spaceId: row.space_id, targetType: 'test_endpoint', targetId: row.id }
    expect(events).toEqual([
      { action: 'thing.create', outcome: 'success', ...target },
      { action: 'thing.delete', outcome: 'success', ...target },
    ])
  })

  it('the call gets the stored URL and the opened secret, and its outcome and reason are audited', async () => {
    const { kind, scope, events, row } = await setup()
    events.length = 0
    const seen: unknown[] = []
    const result = await callEndpoint(scope, kind, row, 'probe', async (target) => {
      seen.push(target)
      return { result: 'the result', outcome: 'failure', reason: 'timeout' }
    })
    expect(result).toBe('the result')
    expect(seen).toEqual([{ url: row.url, secret: SECRET }])
    expect(events).toEqual([
      {
        action: 'thing.probe',
        outcome: 'failure',
        reason: 'timeout',
        spaceId: row.space_id,
        targetType: 'test_endpoint',
        targetId: row.id,
      },
    ])
  })
})

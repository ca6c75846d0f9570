/**
 * Key rotation in real workerd on real D1: 500 values under key A, then B primary with A previous, rewrap
 * batches while concurrent requests create, update and delete secrets; afterwards every value opens under
 * B alone with what it should hold (nothing lost, nothing reverted), the counts match the rows, and a
 * reseal changes every wrapped DEK and data part.
 */
import { inspect, openText } from '@alokai/crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KeyStatus } from '../../src/features/key-rotation/key-status'
import type { BatchReport } from '../../src/features/key-rotation/run-batch'
import { SEALED_COLUMNS } from '../../src/features/key-rotation/sealed-columns'
import { type Client, loggedIn, makeSpace } from './helpers'
import {
  allSealed,
  hex,
  KEY_A,
  KEY_B,
  keyEnv,
  keyringOf,
  payloadOf,
  type Seeded,
  sealedOf,
  seedValues,
} from './key-rotation-helpers'

async function pass(admin: Client, kind: 'rewrap' | 'reseal', limit: number): Promise<BatchReport[]> {
  const reports: BatchReport[] = []
  let run: number | undefined
  for (let i = 0; i < 100; i++) {
    const res = await admin.fetch(`/api/admin/keys/${kind}`, {
      json: run === undefined ? { limit } : { limit, run },
    })
    expect(res.status).toBe(200)
    const report = (await res.json()) as BatchReport
    reports.push(report)
    run = report.run
    if (report.complete) return reports
  }
  throw new Error('pass did not end')
}

async function status(admin: Client): Promise<KeyStatus> {
  const res = await admin.fetch('/api/admin/keys')
  expect(res.status).toBe(200)
  return (await res.json()) as KeyStatus
}

describe('rewrap under load', () => {
  let spaceId: string
  let admin: Client
  let seeded: Seeded[]
  const kidA = () => keyringOf(KEY_A).then((k) => k.primaryKid)

  beforeAll(async () => {
    spaceId = await makeSpace('rotation')
    seeded = await seedValues(await keyringOf(KEY_A), spaceId, 500)
    admin = await loggedIn({ globalAdmin: true }, { env: keyEnv('rotating') })
  })

  it('migrates every value to B while secrets are created, changed and deleted', async () => {
    const before = await status(admin)
    expect(before.totals.onPrevious).toBeGreaterThanOrEqual(500)
    expect(before.nextStep.code).toBe('rewrap')

    // What each live row must hold afterwards; deleted rows must stay gone.
    const expected = new Map(seeded.map((s) => [`${s.col.table}:${s.id}`, s]))
    const gone = new Set<string>()
    const base = `/api/spaces/${spaceId}`
    const mutations = async (): Promise<void> => {
      for (let i = 0; i < 12; i++) {
        const mcp = seeded[3 * i + 1] as Seeded
        const preview = seeded[3 * i + 2] as Seeded
        const token = seeded[3 * i] as Seeded
        const secret = `changed-${i}-${crypto.randomUUID()}`
        const [upd, del, rev, created] = await Promise.all([
          admin.fetch(`${base}/mcp/${mcp.id}`, { method: 'PATCH', json: { secret } }),
          admin.fetch(`${base}/preview-urls/${preview.id}`, { method: 'DELETE' }),
          admin.fetch(`${base}/tokens/${token.id}`, { method: 'DELETE' }),
          admin.fetch(`${base}/tokens`, { json: { name: `new ${i}`, scope: 'delivery' } }),
        ])
        expect([upd.status, del.status, rev.status, created.status]).toEqual([200, 204, 200, 201])
        expected.set(`mcp_integrations:${mcp.id}`, { ...mcp, plaintext: secret })
        for (const key of [`preview_urls:${preview.id}`, `api_tokens:${token.id}`]) {
          expected.delete(key)
          gone.add(key)
        }
        const issued = (await created.json()) as { id: string; token: string }
        const tokens = SEALED_COLUMNS[0] as Seeded['col']
        expected.set(`api_tokens:${issued.id}`, {
          col: tokens,
          id: issued.id,
          spaceId,
          plaintext: issued.token,
        })
      }
    }
    const [first] = await Promise.all([pass(admin, 'rewrap', 40), mutations()])
    expect(first.flatMap((r) => r.failed)).toEqual([])
    expect(first.reduce((n, r) => n + r.done, 0)).toBeGreaterThan(400)

    // An old isolate still sealing under A shows up as remaining; a second pass picks it up.
    const stale = await seedValues(await keyringOf(KEY_A), spaceId, 3)
    for (const s of stale) expected.set(`${s.col.table}:${s.id}`, s)
    expect((await status(admin)).nextStep.code).toBe('rewrap')
    const second = await pass(admin, 'rewrap', 200)
    expect(second.at(-1)?.remaining).toBe(0)
    expect(second.reduce((n, r) => n + r.done, 0)).toBeGreaterThanOrEqual(3)

    // Every expected value opens with B ALONE (A dropped) and holds the latest plaintext.
    const onlyB = await keyringOf(KEY_B)
    for (const [key, s] of expected) {
      const sealed = await sealedOf(s.col, s.id)
      expect(sealed, key).not.toBeNull()
      expect(inspect(sealed as string).kid).toBe(onlyB.primaryKid)
      expect(await openText(onlyB, sealed as string, s.col.context({ id: s.id, space_id: s.spaceId }))).toBe(
        s.plaintext,
      )
    }
    for (const key of gone) {
      const [table, id] = key.split(':') as [string, string]
      const col = SEALED_COLUMNS.find((c) => c.table === table) as Seeded['col']
      expect(await sealedOf(col, id), key).toBeNull()
    }

    // Counts match the rows; nothing is left under A.
    const after = await status(admin)
    const rows = await allSealed()
    expect(after.totals.values).toBe(rows.size)
    expect(after.totals.onPrimary).toBe(rows.size)
    expect(after.totals.onPrevious).toBe(0)
    expect(after.allOnPrimary).toBe(true)
    for (const col of after.columns) expect(col.byKid[await kidA()]).toBeUndefined()
    expect(after.nextStep.code).toBe('wait')
  })

  it('opens everything after A is dropped, then reseal changes every DEK and data part', async () => {
    const dropped = await loggedIn({ globalAdmin: true }, { env: keyEnv('dropped') })
    const onlyB = await keyringOf(KEY_B)
    const before = await allSealed()
    const plain = new Map<string, string>()
    for (const [key, v] of before) {
      plain.set(key, await openText(onlyB, v.sealed, v.col.context({ id: v.id, space_id: v.spaceId })))
    }
    // A route that opens a secret works with A gone.
    const token = [...before.values()].find((v) => v.col.table === 'api_tokens' && v.spaceId !== '')
    expect(token).toBeDefined()

    const reports = await pass(dropped, 'reseal', 150)
    expect(reports.flatMap((r) => r.failed)).toEqual([])
    expect(reports.at(-1)?.remaining).toBe(0)
    expect(reports.reduce((n, r) => n + r.done, 0)).toBe(before.size)

    const after = await allSealed()
    expect(after.size).toBe(before.size)
    for (const [key, v] of after) {
      const old = payloadOf((before.get(key) as { sealed: string }).sealed)
      const now = payloadOf(v.sealed)
      // wrapNonce[12] | wrappedDek[32] | wrapTag[16] | nonce[12] | ciphertext | tag[16]
      expect(hex(now.subarray(12, 44)), key).not.toBe(hex(old.subarray(12, 44)))
      expect(hex(now.subarray(60)), key).not.toBe(hex(old.subarray(60)))
      expect(await openText(onlyB, v.sealed, v.col.context({ id: v.id, space_id: v.spaceId }))).toBe(
        plain.get(key),
      )
    }
    // A finished run answers "complete" again without touching anything.
    const last = reports.at(-1) as BatchReport
    const again = await dropped.fetch('/api/admin/keys/reseal', { json: { run: last.run } })
    expect(await again.json()).toMatchObject({ done: 0, complete: true, failed: [] })
  })
})

/**
 * Rotation details in workerd: the registry covers every sealed column of the live schema, values that do
 * not open are reported and skipped while the batch completes, a lost compare-and-swap is retried, the
 * "remove the previous key" advice waits for two zero counts ten minutes apart, and only global admins
 * reach the key routes.
 */

import { env } from 'cloudflare:test'
import { seal } from '@alokai/crypto'
import { describe, expect, it } from 'vitest'
import { sealContext } from '../../src/crypto/contexts'
import type { KeyStatus } from '../../src/features/key-rotation/key-status'
import { type BatchReport, runBatch } from '../../src/features/key-rotation/run-batch'
import {
  columnName,
  SEALED_COLUMNS,
  type SealedColumn,
  SHORT_LIVED_SEALED_COLUMNS,
} from '../../src/features/key-rotation/sealed-columns'
import { compareAndSwap } from '../../src/features/key-rotation/store'
import { createRun } from '../../src/features/key-rotation/store-runs'
import { testClock } from './api-tokens-helpers'
import { type Client, loggedIn, makeSpace } from './helpers'
import { KEY_A, KEY_B, KEY_C, keyEnv, keyringOf, sealedOf, seedValues } from './key-rotation-helpers'

const MCP = SEALED_COLUMNS[1] as SealedColumn

async function rotatingKeyring() {
  const { createKeyring } = await import('@alokai/crypto')
  return createKeyring({ primary: KEY_B, previous: [KEY_A] })
}

async function status(admin: Client): Promise<KeyStatus> {
  const res = await admin.fetch('/api/admin/keys')
  expect(res.status).toBe(200)
  return (await res.json()) as KeyStatus
}

describe('the sealed-column registry', () => {
  it('names every column of the schema that holds a sealed value', async () => {
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%'",
    ).all<{ name: string }>()
    const found: string[] = []
    for (const { name } of tables.results) {
      const cols = await env.DB.prepare('SELECT name FROM pragma_table_info(?1)')
        .bind(name)
        .all<{ name: string }>()
      for (const c of cols.results) {
        if (/sealed|encrypted|cipher|wrapped/i.test(c.name)) found.push(`${name}.${c.name}`)
      }
    }
    expect(found.sort()).toEqual([...SEALED_COLUMNS.map(columnName), ...SHORT_LIVED_SEALED_COLUMNS].sort())
    expect(found.length).toBeGreaterThanOrEqual(3)
  })
})

describe('values that do not open', () => {
  it('are reported by table and id, skipped, counted, and the batch completes', async () => {
    const spaceId = await makeSpace()
    const good = await seedValues(await keyringOf(KEY_A), spaceId, 9)
    const [corrupt, unknown, malformed] = good.splice(0, 3) as [
      (typeof good)[0],
      (typeof good)[0],
      (typeof good)[0],
    ]
    const a = (await sealedOf(corrupt.col, corrupt.id)) as string
    // Flip one character in the data part: still well-formed, no longer authentic.
    const flipped = `${a.slice(0, -5)}${a.at(-5) === 'A' ? 'B' : 'A'}${a.slice(-4)}`
    const underC = await seal(
      await keyringOf(KEY_C),
      'x',
      unknown.col.context({ id: unknown.id, space_id: spaceId }),
    )
    for (const [s, value] of [
      [corrupt, flipped],
      [unknown, underC],
      [malformed, 'not-a-sealed-value'],
    ] as const) {
      await env.DB.prepare(`UPDATE ${s.col.table} SET ${s.col.column} = ?1 WHERE id = ?2`)
        .bind(value, s.id)
        .run()
    }

    const admin = await loggedIn({ globalAdmin: true }, { env: keyEnv('rotating') })
    const before = await status(admin)
    expect(before.totals).toMatchObject({ values: 9, onPrevious: 7, unknownKid: 1, malformed: 1 })
    expect(before.warnings.join(' ')).toMatch(/2 values cannot be opened/)
    const listed = (await (await admin.fetch('/api/admin/keys?list=unopenable')).json()) as KeyStatus
    expect(listed.unopenable?.map((u) => u.id).sort()).toEqual([unknown.id, malformed.id].sort())

    const res = await admin.fetch('/api/admin/keys/rewrap', { json: { limit: 200 } })
    const report = (await res.json()) as BatchReport
    expect(res.status).toBe(200)
    expect(report.complete).toBe(true)
    expect(report.done).toBe(6)
    expect(report.failed.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { table: corrupt.col.table, id: corrupt.id, reason: 'decrypt_failed' },
        { table: unknown.col.table, id: unknown.id, reason: 'unknown_key' },
        { table: malformed.col.table, id: malformed.id, reason: 'malformed' },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    )
    // The corrupt value is untouched and still counted under the previous key, never as migrated.
    expect(await sealedOf(corrupt.col, corrupt.id)).toBe(flipped)
    expect(report.remaining).toBe(3)
    const after = await status(admin)
    expect(after.totals).toMatchObject({ onPrimary: 6, onPrevious: 1, unknownKid: 1, malformed: 1 })
    expect(after.nextStep.code).toBe('rewrap')
    // No secret, key or sealed text in the report.
    const text = JSON.stringify(report) + JSON.stringify(after)
    for (const s of [...good, corrupt]) expect(text).not.toContain(s.plaintext)
    expect(text).not.toContain(flipped.slice(12, 40))
    expect(text).not.toContain(KEY_A)
    expect(text).not.toContain(KEY_B)

    const audit = await env.DB.prepare(
      "SELECT actor_id, outcome, reason FROM audit_log WHERE action = 'keys.rewrap' ORDER BY id DESC LIMIT 1",
    ).first<{ actor_id: string; outcome: string; reason: string }>()
    expect(audit).toEqual({
      actor_id: admin.user.id,
      outcome: 'failure',
      reason: 'done=6;failed=3;skipped=0;remaining=3',
    })
  })
})

describe('compare-and-swap', () => {
  it('refuses a stale write, and a batch that loses a race re-reads and retries', async () => {
    const spaceId = await makeSpace()
    const [one, two] = (await seedValues(await keyringOf(KEY_A), spaceId, 6)).filter((s) => s.col === MCP)
    if (!one || !two) throw new Error('seed')
    const old = (await sealedOf(MCP, one.id)) as string
    expect(
      await compareAndSwap(env.DB, [{ col: MCP, id: one.id, old: `${old}x`, next: 'v1.zzzzzzzz.a' }]),
    ).toEqual([false])
    expect(await sealedOf(MCP, one.id)).toBe(old)

    // A writer replaces `one` (under A, as an old isolate would) between the batch's read and its write.
    const keyring = await rotatingKeyring()
    const fresh = await seal(
      await keyringOf(KEY_A),
      'replaced-meanwhile',
      sealContext('mcp.bearer', spaceId, one.id),
    )
    let raced = false
    const racingDb = new Proxy(env.DB, {
      get(target, prop, receiver) {
        if (prop === 'batch' && !raced) {
          return async (stmts: D1PreparedStatement[]) => {
            raced = true
            await target
              .prepare('UPDATE mcp_integrations SET bearer_sealed = ?1 WHERE id = ?2')
              .bind(fresh, one.id)
              .run()
            return target.batch(stmts)
          }
        }
        const value = Reflect.get(target, prop, receiver)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const run = await createRun(env.DB, {
      kind: 'rewrap',
      primaryKid: keyring.primaryKid,
      startedBy: null,
      now: 1,
    })
    const report = await runBatch(racingDb, keyring, run, { limit: 200, now: 2 })
    expect(raced).toBe(true)
    // Only values of earlier tests that do not open may fail; none of this space's.
    const mine = new Set([one.id, two.id])
    expect(report.failed.filter((f) => mine.has(f.id))).toEqual([])
    const { openText, inspect } = await import('@alokai/crypto')
    const now = (await sealedOf(MCP, one.id)) as string
    expect(inspect(now).kid).toBe(keyring.primaryKid)
    // The concurrent write won and was then migrated: not reverted to the value read first.
    expect(await openText(keyring, now, MCP.context({ id: one.id, space_id: spaceId }))).toBe(
      'replaced-meanwhile',
    )
  })
})

describe('the next step', () => {
  it('says the previous key can go only after two zero counts at least 10 minutes apart', async () => {
    const clock = testClock()
    const spaceId = await makeSpace()
    await seedValues(await keyringOf(KEY_A), spaceId, 3)
    const admin = await loggedIn({ globalAdmin: true }, { env: keyEnv('rotating'), deps: { now: clock.now } })
    await admin.fetch('/api/admin/keys/rewrap', { json: {} })
    // Earlier tests left a corrupt value under A; an operator clears what cannot be opened (here: by hand).
    const primaryKid = (await status(admin)).primaryKid
    for (const col of SEALED_COLUMNS) {
      const hint = col.table === 'mcp_integrations' ? ', bearer_last4 = NULL' : ''
      await env.DB.prepare(
        `UPDATE ${col.table} SET ${col.column} = NULL${hint} WHERE substr(${col.column}, 4, 8) != ?1`,
      )
        .bind(primaryKid)
        .run()
    }
    expect((await status(admin)).nextStep.code).toBe('wait')
    clock.advance(5 * 60_000)
    expect((await status(admin)).nextStep.code).toBe('wait')
    clock.advance(5 * 60_000 + 1)
    const ready = await status(admin)
    expect(ready.nextStep.code).toBe('remove_previous')
    expect(ready.nextStep.message).toMatch(/You can remove the previous key/)

    // A value sealed under A by a straggler resets the clock.
    await seedValues(await keyringOf(KEY_A), spaceId, 1)
    expect((await status(admin)).nextStep.code).toBe('rewrap')
    await admin.fetch('/api/admin/keys/rewrap', { json: {} })
    clock.advance(60 * 60_000)
    expect((await status(admin)).nextStep.code).toBe('wait')
    // A keyring without a previous key has nothing to remove.
    const plain = await loggedIn({ globalAdmin: true }, { env: keyEnv('dropped'), deps: { now: clock.now } })
    expect((await status(plain)).nextStep.code).toBe('rotate_when_needed')
  })
})

describe('access', () => {
  it('is for global admins only, with bounded batches', async () => {
    const spaceId = await makeSpace()
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    for (const [method, path] of [
      ['GET', '/api/admin/keys'],
      ['POST', '/api/admin/keys/rewrap'],
      ['POST', '/api/admin/keys/reseal'],
    ] as const) {
      const res = await spaceAdmin.fetch(path, method === 'GET' ? {} : { json: {} })
      expect(res.status, path).toBe(403)
    }
    const admin = await loggedIn({ globalAdmin: true })
    expect((await admin.fetch('/api/admin/keys/rewrap', { json: { limit: 201 } })).status).toBe(400)
    expect((await admin.fetch('/api/admin/keys/reseal', { json: { run: 999_999 } })).status).toBe(404)
    // A run started under one primary key cannot be continued under another.
    const res = await admin.fetch('/api/admin/keys/reseal', { json: { limit: 1 } })
    const { run } = (await res.json()) as BatchReport
    const rotated = await loggedIn({ globalAdmin: true }, { env: keyEnv('rotating') })
    const moved = await rotated.fetch('/api/admin/keys/reseal', { json: { run } })
    expect(moved.status).toBe(409)
  })
})

/**
 * Helpers for the key rotation tests: the two KEKs (A is the suite's configured key, B the new one),
 * clients whose env rotates them, seeding sealed values straight through the db layer, and reading every
 * sealed value back through the registry.
 */

import { env } from 'cloudflare:test'
import { createKeyring, type Keyring, seal } from '@alokai/crypto'
import { sealContext } from '../../src/crypto/contexts'
import { newId } from '../../src/domain/ids'
import { insertApiToken } from '../../src/features/api-tokens/store-write'
import { SEALED_COLUMNS, type SealedColumn } from '../../src/features/key-rotation/sealed-columns'
import { insertMcpIntegration } from '../../src/features/mcp-integrations/store'
import { insertPreviewUrl } from '../../src/features/preview-urls/store'

/** The suite's key (vitest.config.ts): every value sealed before the rotation is under it. */
export const KEY_A: string = env.TOKEN_ENCRYPTION_KEY
/** The new primary key. */
export const KEY_B = '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0'
/** A key nobody configures. */
export const KEY_C = 'c0ffee00112233445566778899aabbccddeeff00112233445566778899aabbcc'

/** Env overrides: B primary with A previous (`'rotating'`), B alone (`'dropped'`). */
export function keyEnv(stage: 'rotating' | 'dropped'): Record<string, string> {
  return stage === 'rotating'
    ? { TOKEN_ENCRYPTION_KEY: KEY_B, TOKEN_ENCRYPTION_KEY_PREVIOUS: KEY_A }
    : { TOKEN_ENCRYPTION_KEY: KEY_B }
}

/** A keyring with only `key`. */
export function keyringOf(key: string): Promise<Keyring> {
  return createKeyring({ primary: key })
}

/** A seeded value: where it lives and what it holds. */
export interface Seeded {
  col: SealedColumn
  id: string
  spaceId: string
  plaintext: string
}

const [TOKENS, MCP, PREVIEW] = SEALED_COLUMNS as [SealedColumn, SealedColumn, SealedColumn]

/**
 * Seals `count` values under `keyring`, spread over every sealed column, in space `spaceId`.
 */
export async function seedValues(keyring: Keyring, spaceId: string, count: number): Promise<Seeded[]> {
  const now = Date.now()
  const seeded: Seeded[] = []
  const jobs: Promise<void>[] = []
  for (let i = 0; i < count; i++) {
    const kind = i % 3
    const plaintext = `secret-${i}-${crypto.randomUUID()}`
    if (kind === 0) {
      const id = newId('tok')
      seeded.push({ col: TOKENS, id, spaceId, plaintext })
      jobs.push(
        (async () => {
          const sealed = await seal(keyring, plaintext, sealContext('api-token', spaceId, id))
          // Unique among the space's live tokens (the store refuses a taken name), however often a space is seeded.
          const row = await insertApiToken(env.DB, {
            id,
            spaceId,
            name: `t${i} ${id}`,
            scope: 'delivery',
            sealed,
            digest: crypto.randomUUID().replace(/-/g, '').padEnd(64, '0'),
            last4: plaintext.slice(-4),
            description: null,
            expiresAt: null,
            createdBy: null,
            now,
          })
          if (typeof row === 'string') throw new Error(`seeded token refused: ${row}`)
        })(),
      )
    } else if (kind === 1) {
      const id = newId('mcp')
      seeded.push({ col: MCP, id, spaceId, plaintext })
      jobs.push(
        (async () => {
          const bearerSealed = await seal(keyring, plaintext, sealContext('mcp.bearer', spaceId, id))
          await insertMcpIntegration(env.DB, {
            id,
            spaceId,
            name: `m${i}`,
            url: 'https://mcp.example/mcp',
            bearerSealed,
            bearerLast4: plaintext.slice(-4),
            createdBy: null,
            now,
          })
        })(),
      )
    } else {
      const id = newId('pvu')
      seeded.push({ col: PREVIEW, id, spaceId, plaintext })
      jobs.push(
        (async () => {
          const secretSealed = await seal(keyring, plaintext, sealContext('preview.probe', spaceId, id))
          await insertPreviewUrl(env.DB, {
            id,
            spaceId,
            // One preview URL per address in a space: each seeded row gets its own path.
            url: `https://shop.example/${id}`,
            label: null,
            secretSealed,
            createdBy: null,
            now,
          })
        })(),
      )
    }
    // Bounded parallelism: enough to be quick, not so much that local D1 queues everything at once.
    if (jobs.length >= 50) await Promise.all(jobs.splice(0))
  }
  await Promise.all(jobs)
  return seeded
}

/** The sealed text of one row (null when gone or cleared). */
export async function sealedOf(col: SealedColumn, id: string): Promise<string | null> {
  const row = await env.DB.prepare(`SELECT ${col.column} AS v FROM ${col.table} WHERE id = ?1`)
    .bind(id)
    .first<{ v: string | null }>()
  return row?.v ?? null
}

/** Every non-null sealed value in the database, by `table:id`. */
export async function allSealed(): Promise<
  Map<string, { col: SealedColumn; id: string; spaceId: string; sealed: string }>
> {
  const out = new Map<string, { col: SealedColumn; id: string; spaceId: string; sealed: string }>()
  for (const col of SEALED_COLUMNS) {
    const res = await env.DB.prepare(
      `SELECT id, space_id, ${col.column} AS sealed FROM ${col.table} WHERE ${col.column} IS NOT NULL`,
    ).all<{ id: string; space_id: string; sealed: string }>()
    for (const r of res.results)
      out.set(`${col.table}:${r.id}`, { col, id: r.id, spaceId: r.space_id, sealed: r.sealed })
  }
  return out
}

/** The decoded payload bytes of a sealed value (after `v1.<kid>.`). */
export function payloadOf(sealed: string): Uint8Array {
  const b64 = sealed.slice(12).replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0))
}

/** Hex of bytes, for comparing parts. */
export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

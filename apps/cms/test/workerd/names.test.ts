/**
 * Every name the CMS stores and shows to other people (token names and descriptions, space names, MCP
 * integration names, preview URL labels) refuses control characters (U+0000–U+001F, U+007F–U+009F) and
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) with a
 * `validation_failed` problem naming the field, and stores nothing; ordinary text, accents and
 * right-to-left scripts included, still passes.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { hasUnsafeNameCharacters } from '../../src/domain/names'
import { member, testClock } from './api-tokens-helpers'
import { followRedirect, submitForm } from './forms'
import { loggedIn, makeSpace } from './helpers'

const UNSAFE = [
  '\u0000',
  '\u0007',
  '\n',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
]
const bad = (c: string) => `prod${c}ved`

async function expectRefused(res: Response, field: string): Promise<void> {
  expect(res.status).toBe(400)
  const problem = (await res.json()) as { code: string; issues: { path: string; message: string }[] }
  expect(problem.code).toBe('validation_failed')
  expect(problem.issues.map((i) => i.path)).toEqual([field])
  expect(JSON.stringify(problem)).not.toContain('prod')
}

describe('the name rule', () => {
  it('flags exactly the control and bidi-override characters', () => {
    for (const c of UNSAFE) expect(hasUnsafeNameCharacters(bad(c)), JSON.stringify(c)).toBe(true)
    for (const ok of ['Storefront – EU', 'Café crème', 'متجر', 'שלום', 'a\u200db', 'tab-free', '\u00a0nbsp'])
      expect(hasUnsafeNameCharacters(ok), ok).toBe(false)
  })
})

describe('names over the API', () => {
  it('refuses a token name or description with U+0000 or U+202E, and stores no token', async () => {
    const admin = await member(testClock(), 'admin')
    const url = `/api/spaces/${admin.spaceId}/tokens`
    for (const c of ['\u0000', '\u202e']) {
      await expectRefused(await admin.fetch(url, { json: { name: bad(c), scope: 'delivery' } }), 'name')
      await expectRefused(
        await admin.fetch(url, { json: { name: 'ok', scope: 'delivery', description: bad(c) } }),
        'description',
      )
    }
    const n = await env.DB.prepare('SELECT count(*) AS n FROM api_tokens WHERE space_id = ?1')
      .bind(admin.spaceId)
      .first<number>('n')
    expect(n).toBe(0)
  })

  it('refuses such a space name on create and on rename', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    await expectRefused(await admin.fetch('/api/spaces', { json: { name: bad('\u202e') } }), 'name')
    const spaceId = await makeSpace('Kept')
    const rename = await admin.fetch(`/api/spaces/${spaceId}`, {
      method: 'PATCH',
      json: { name: bad('\u0000') },
    })
    await expectRefused(rename, 'name')
    const name = await env.DB.prepare('SELECT name FROM spaces WHERE id = ?1')
      .bind(spaceId)
      .first<string>('name')
    expect(name).toBe('Kept')
  })

  it('refuses such an MCP integration name and preview URL label', async () => {
    const admin = await member(testClock(), 'admin')
    const base = `/api/spaces/${admin.spaceId}`
    const mcp = await admin.fetch(`${base}/mcp`, {
      json: { name: bad('\u2066'), url: 'https://mcp.example.com/' },
    })
    await expectRefused(mcp, 'name')
    const preview = await admin.fetch(`${base}/preview-urls`, {
      json: { url: 'https://shop.example.com/', label: bad('\u0085') },
    })
    await expectRefused(preview, 'label')
  })
})

describe('names on the dashboard', () => {
  it('shows the refusal as a field error on the token form', async () => {
    const admin = await member(testClock(), 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const res = await submitForm(admin, base, { name: bad('\u202e'), scope: 'delivery' })
    expect(res.headers.get('location')).toBe(`${base}#form-errors`)
    expect(await followRedirect(admin, res)).toContain('Remove control or text-direction characters')
  })
})

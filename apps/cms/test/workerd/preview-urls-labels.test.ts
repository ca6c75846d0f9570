/**
 * Preview URLs have a name and one address each: an optional label, set through the
 * JSON API and the dashboard's forms and shown in the list; a URL saved in one canonical form (scheme and
 * host in lower case, no trailing `/` on a path, no empty `?` or `#`), and a second preview URL at the
 * same address in a space refused with a field error (409 in the API), while rows stored before this
 * normalisation stay editable.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { insertPreviewUrl } from '../../src/features/preview-urls/store'
import { submitAndFollow } from './forms'
import { type Client, loggedIn, makeSpace } from './helpers'

async function adminSpace(): Promise<{ admin: Client; spaceId: string; api: string }> {
  const spaceId = await makeSpace('Preview labels')
  const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
  return { admin, spaceId, api: `/api/spaces/${spaceId}/preview-urls` }
}

async function rowCount(spaceId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM preview_urls WHERE space_id = ?1')
    .bind(spaceId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

type View = { id: string; url: string; label: string | null; hasSecret: boolean }

describe('a preview URL’s label', () => {
  it('is optional, set and cleared through the JSON API, and a label-only change keeps URL and secret', async () => {
    const { admin, api } = await adminSpace()
    const plain = (await (await admin.fetch(api, { json: { url: 'https://a.example.com' } })).json()) as View
    expect(plain.label).toBeNull()
    const res = await admin.fetch(api, {
      json: { url: 'https://b.example.com', label: '  Staging DE ', secret: 'probe-secret-0123456789' },
    })
    expect(res.status).toBe(201)
    const named = (await res.json()) as View
    expect(named.label).toBe('Staging DE')
    const listed = (await (await admin.fetch(api)).json()) as { previewUrls: View[] }
    expect(listed.previewUrls.map((v) => v.label)).toEqual([null, 'Staging DE'])

    const renamed = await admin.fetch(`${api}/${named.id}`, { method: 'PATCH', json: { label: 'Live DE' } })
    expect(await renamed.json()).toMatchObject({ label: 'Live DE', url: named.url, hasSecret: true })
    const cleared = await admin.fetch(`${api}/${named.id}`, { method: 'PATCH', json: { label: null } })
    expect(await cleared.json()).toMatchObject({ label: null, hasSecret: true })
    const tooLong = await admin.fetch(api, { json: { url: 'https://c.example.com', label: 'x'.repeat(101) } })
    expect(tooLong.status).toBe(400)
  })

  it('is set in the add and edit forms and shown in the list', async () => {
    const { admin, spaceId, api } = await adminSpace()
    const page = `/spaces/${spaceId}/settings/preview-urls`
    const added = await submitAndFollow(admin, page, {
      label: 'Shop <EU>',
      url: 'https://shop.example.com/eu',
      secret: '',
    })
    expect(added).toContain('Shop &lt;EU&gt;')
    const [row] = ((await (await admin.fetch(api)).json()) as { previewUrls: View[] }).previewUrls
    const edited = await submitAndFollow(admin, `${page}/${row?.id}`, {
      label: 'Shop EU',
      url: row?.url ?? '',
      secret: '',
    })
    expect(edited).toContain('Shop EU')
    expect(edited).not.toContain('Shop &lt;EU&gt;')
  })
})

describe('one preview URL per address', () => {
  it('stores the canonical form: lower-case scheme and host, no trailing slash on a path', async () => {
    const { admin, api } = await adminSpace()
    const cases: [string, string][] = [
      ['HTTPS://Shop.Example.com', 'https://shop.example.com/'],
      ['https://shop.example.com/de/', 'https://shop.example.com/de'],
      ['https://shop.example.com/fr//?', 'https://shop.example.com/fr'],
    ]
    for (const [sent, stored] of cases) {
      const res = await admin.fetch(api, { json: { url: sent } })
      expect(res.status, sent).toBe(201)
      expect(((await res.json()) as View).url).toBe(stored)
    }
  })

  it.each([
    ['https://shop.example.com', 'https://shop.example.com/'],
    ['https://shop.example.com/', 'HTTPS://SHOP.example.COM'],
    ['https://shop.example.com/de', 'https://shop.example.com/de/'],
  ])('refuses %s and then %s in one space with 409, and adds nothing', async (first, second) => {
    const { admin, spaceId, api } = await adminSpace()
    expect((await admin.fetch(api, { json: { url: first } })).status).toBe(201)
    const res = await admin.fetch(api, { json: { url: second } })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ code: 'conflict', reason: 'duplicate_url' })
    expect(await rowCount(spaceId)).toBe(1)
    const other = await adminSpace()
    expect((await other.admin.fetch(other.api, { json: { url: second } })).status).toBe(201)
  })

  it('shows the dashboard a field error and keeps the typed label and URL', async () => {
    const { admin, spaceId, api } = await adminSpace()
    expect((await admin.fetch(api, { json: { url: 'https://shop.example.com' } })).status).toBe(201)
    const page = `/spaces/${spaceId}/settings/preview-urls`
    const html = await submitAndFollow(admin, page, {
      label: 'Twin',
      url: 'https://Shop.example.com/',
      secret: '',
    })
    expect(html).toContain('This space already has a preview URL at this address')
    expect(html).toContain('value="Twin"')
    expect(html).toContain('value="https://Shop.example.com/"')
    expect(await rowCount(spaceId)).toBe(1)
  })

  it('refuses moving one preview URL onto another’s address', async () => {
    const { admin, api } = await adminSpace()
    await admin.fetch(api, { json: { url: 'https://one.example.com/' } })
    const two = (await (await admin.fetch(api, { json: { url: 'https://two.example.com/' } })).json()) as View
    const res = await admin.fetch(`${api}/${two.id}`, {
      method: 'PATCH',
      json: { url: 'https://ONE.example.com' },
    })
    expect(res.status).toBe(409)
    const same = await admin.fetch(`${api}/${two.id}`, {
      method: 'PATCH',
      json: { url: 'https://two.example.com' },
    })
    expect(same.status).toBe(200)
  })

  it('keeps twins stored before the normalisation editable', async () => {
    const { admin, spaceId, api } = await adminSpace()
    const now = Date.now()
    for (const [id, url] of [
      ['pvu_legacyTwinAAAAAAAAAAAA', 'https://legacy.example.com/de'],
      ['pvu_legacyTwinBBBBBBBBBBBB', 'https://legacy.example.com/de/'],
    ] as const) {
      await insertPreviewUrl(env.DB, {
        id,
        spaceId,
        url,
        label: null,
        secretSealed: null,
        createdBy: null,
        now,
      })
    }
    const res = await admin.fetch(`${api}/pvu_legacyTwinBBBBBBBBBBBB`, {
      method: 'PATCH',
      json: { label: 'Old twin', url: 'https://legacy.example.com/de/' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ label: 'Old twin' })
  })
})
